import { gunzipSync } from 'node:zlib';
import { decodeList, emptyBitstring, encodeList, entriesOf, grown, MIN_LIST_ENTRIES, statusAt, withStatus } from './bitstring';

describe('Bitstring Status List bitstring', () => {
  it('puts index 0 at the left-most bit of the first byte, and 2-bit entries most significant bit first', () => {
    const one = withStatus(emptyBitstring(16, 1), 0, 1, 1);
    expect(one[0]).toBe(0b1000_0000);
    const two = withStatus(emptyBitstring(8, 2), 1, 2, 0b10);
    expect(two[0]).toBe(0b0010_0000);
    expect([statusAt(two, 0, 2), statusAt(two, 1, 2), statusAt(two, 2, 2)]).toEqual([0, 2, 0]);
  });

  it('sets and clears an entry without touching its neighbours', () => {
    let bits = emptyBitstring(12, 2);
    bits = withStatus(bits, 4, 2, 3);
    bits = withStatus(bits, 5, 2, 1);
    bits = withStatus(bits, 4, 2, 2);
    expect(Array.from({ length: 12 }, (_, i) => statusAt(bits, i, 2))).toEqual([0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses an index outside the list and a value wider than the entry', () => {
    const bits = emptyBitstring(8, 1);
    expect(() => statusAt(bits, 8, 1)).toThrow(RangeError);
    expect(() => withStatus(bits, -1, 1, 1)).toThrow(RangeError);
    expect(() => withStatus(emptyBitstring(4, 2), 0, 2, 4)).toThrow(RangeError);
  });

  it('the minimum list is 131,072 entries: 16 KiB of 1-bit entries, 32 KiB of 2-bit ones', () => {
    expect(emptyBitstring(MIN_LIST_ENTRIES, 1).length).toBe(16_384);
    expect(entriesOf(emptyBitstring(MIN_LIST_ENTRIES, 2), 2)).toBe(MIN_LIST_ENTRIES);
  });

  it('encodedList is GZIP then base64url without padding behind the multibase prefix u, and decodes back', () => {
    const bits = withStatus(emptyBitstring(MIN_LIST_ENTRIES, 1), 94_567, 1, 1);
    const encoded = encodeList(bits);
    expect(encoded[0]).toBe('u');
    expect(encoded).not.toMatch(/[+/=]/);
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')).equals(bits)).toBe(true);
    expect(statusAt(decodeList(encoded), 94_567, 1)).toBe(1);
  });

  it('refuses a list without the u prefix, one that is not GZIP, and one that inflates past the bound', () => {
    expect(() => decodeList('H4sIAAAAAAAAA')).toThrow('multibase');
    expect(() => decodeList(`u${Buffer.from('plain').toString('base64url')}`)).toThrow('GZIP');
    expect(() => decodeList(encodeList(emptyBitstring(MIN_LIST_ENTRIES, 1)), 1024)).toThrow('GZIP');
  });

  it('grows keeping every entry at its index, and never shrinks', () => {
    const bits = withStatus(emptyBitstring(16, 2), 15, 2, 2);
    const bigger = grown(bits, 64, 2);
    expect([entriesOf(bigger, 2), statusAt(bigger, 15, 2), statusAt(bigger, 63, 2)]).toEqual([64, 2, 0]);
    expect(() => grown(bigger, 16, 2)).toThrow(RangeError);
  });
});
