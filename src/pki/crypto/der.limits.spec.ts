import * as forge from 'node-forge';
import { Asn1StructureError, DER_LIMITS, encodingOf, parseAsn1, readOid, readTime } from './der';

// The DER reader's bounds and strictness, one rule per case. Inputs are built byte by byte.

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([header(tag, content.length), content]);

function nested(levels: number): Buffer {
  let der = hex('0500');
  for (let level = 0; level < levels; level++) der = tlv(0x30, der);
  return der;
}

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Asn1StructureError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('parseAsn1 limits', () => {
  it(`reads ${DER_LIMITS.maxDepth} levels below the root and refuses one more`, () => {
    expect(() => parseAsn1(nested(DER_LIMITS.maxDepth))).not.toThrow();
    expect(refusal(() => parseAsn1(nested(DER_LIMITS.maxDepth + 1)))).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses nesting bombs in BER too, where no length tells the depth up front', () => {
    const depth = 100_000;
    const bomb = Buffer.concat([Buffer.alloc(depth * 2, hex('3080')), Buffer.alloc(depth * 2)]);

    expect(refusal(() => parseAsn1(bomb, { ber: true }))).toMatch(/nested deeper/);
  });

  it('refuses more elements than the input length allows, as a bomb of empty SEQUENCEs has', () => {
    const bomb = tlv(0x30, Buffer.alloc(2 * 50_000, hex('3000')));

    expect(refusal(() => parseAsn1(bomb))).toMatch(/more than \d+ elements in 100005 bytes/);
  });

  it(`reads an INTEGER of ${DER_LIMITS.maxIntegerBytes} bytes and refuses a longer or an empty one`, () => {
    expect(parseAsn1(tlv(0x02, Buffer.alloc(DER_LIMITS.maxIntegerBytes, 1))).value).toHaveLength(DER_LIMITS.maxIntegerBytes);
    expect(refusal(() => parseAsn1(tlv(0x02, Buffer.alloc(DER_LIMITS.maxIntegerBytes + 1, 1))))).toMatch(/INTEGER of 8193 bytes/);
    expect(refusal(() => parseAsn1(hex('3002 0200')))).toMatch(/empty INTEGER/);
  });

  it('refuses an indefinite length in DER and reads it in BER, keeping the bytes as they came', () => {
    const ber = hex('3080 0201 05 0000');

    expect(refusal(() => parseAsn1(ber))).toMatch(/indefinite length at offset 0: not DER/);
    const node = parseAsn1(ber, { ber: true });
    expect(encodingOf(node).equals(ber)).toBe(true);
    expect(encodingOf((node.value as forge.asn1.Asn1[])[0]).equals(hex('020105'))).toBe(true);
  });

  it('refuses an indefinite length without end-of-contents, and on a primitive', () => {
    expect(refusal(() => parseAsn1(hex('3080 0201 05'), { ber: true }))).toMatch(/no end-of-contents/);
    expect(refusal(() => parseAsn1(hex('0480 01 0000'), { ber: true }))).toMatch(/indefinite length on a primitive/);
  });

  it('refuses a length in a longer form than needed in DER, and lengths of more than 4 octets everywhere', () => {
    expect(refusal(() => parseAsn1(hex('3004 028101 05')))).toMatch(/not in its shortest form/);
    expect(refusal(() => parseAsn1(hex('3084 00000003 020105')))).toMatch(/not in its shortest form/);
    expect(parseAsn1(hex('3004 028101 05'), { ber: true }).value).toHaveLength(1);
    expect(refusal(() => parseAsn1(hex('3085 0000000003 020105'), { ber: true }))).toMatch(/length of 5 octets/);
    expect(refusal(() => parseAsn1(hex('30ff 00'), { ber: true }))).toMatch(/length of 127 octets/);
  });

  it('refuses a length past the end of its parent or of the input', () => {
    expect(refusal(() => parseAsn1(hex('3003 020205')))).toMatch(/claims 2 bytes, 1 remain/);
    expect(refusal(() => parseAsn1(hex('3084 7fffffff 00')))).toMatch(/claims 2147483647 bytes/);
    expect(refusal(() => parseAsn1(hex('30')))).toMatch(/empty or truncated/);
  });

  it('refuses trailing bytes after the structure', () => {
    expect(refusal(() => parseAsn1(hex('3000 00')))).toMatch(/1 bytes after the end/);
  });

  it('refuses high tag numbers, end-of-contents outside BER, and constructed forms DER does not allow', () => {
    expect(refusal(() => parseAsn1(hex('1f2200')))).toMatch(/high tag number/);
    expect(refusal(() => parseAsn1(hex('3002 0000')))).toMatch(/unexpected end-of-contents/);
    expect(refusal(() => parseAsn1(hex('2203 020105'), { ber: true }))).toMatch(/INTEGER at offset 0 must be primitive/);
    expect(refusal(() => parseAsn1(hex('2403 040101')))).toMatch(/OCTET STRING at offset 0 must be primitive/);
    expect(parseAsn1(hex('2403 040101'), { ber: true }).value).toHaveLength(1);
    expect(refusal(() => parseAsn1(hex('1000')))).toMatch(/universal type 16 at offset 0 must be constructed|must be constructed/);
  });

  it('refuses malformed BOOLEAN, NULL, BIT STRING and BMPString contents', () => {
    expect(refusal(() => parseAsn1(hex('0102 ffff')))).toMatch(/BOOLEAN at offset 0 is not one octet/);
    expect(refusal(() => parseAsn1(hex('0501 00')))).toMatch(/NULL at offset 0 is not empty/);
    expect(refusal(() => parseAsn1(hex('0302 0800')))).toMatch(/bad unused-bits octet/);
    expect(refusal(() => parseAsn1(hex('0300')))).toMatch(/bad unused-bits octet/);
    expect(refusal(() => parseAsn1(hex('1e03 004100')))).toMatch(/odd length/);
    expect(parseAsn1(hex('1e04 00540048')).value).toBe('TH');
  });

  it('refuses OBJECT IDENTIFIERs that are empty, padded or cut inside a subidentifier', () => {
    expect(refusal(() => parseAsn1(hex('0600')))).toMatch(/OBJECT IDENTIFIER of 0 bytes/);
    expect(refusal(() => parseAsn1(hex('0603 2a8001')))).toMatch(/padded subidentifier/);
    expect(refusal(() => parseAsn1(hex('0602 2a86')))).toMatch(/ends inside a subidentifier/);
    expect(refusal(() => parseAsn1(tlv(0x06, Buffer.alloc(DER_LIMITS.maxOidBytes + 1, 1))))).toMatch(/OBJECT IDENTIFIER of 65 bytes/);
  });
});

describe('readOid', () => {
  it('decodes arcs as node-forge does, the first two packed in one subidentifier', () => {
    for (const oid of ['1.2.840.113549.1.7.2', '2.5.29.15', '0.9.2342.19200300.100.1.25', '2.999.3', '1.3.6.1.4.1.11591.4.11']) {
      const der = Buffer.from(forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OID, false, forge.asn1.oidToDer(oid).getBytes())).getBytes(), 'latin1');
      expect(readOid(parseAsn1(der), 'oid')).toBe(oid);
    }
  });

  it('refuses an arc too large to be a number without loss', () => {
    expect(() => readOid(parseAsn1(hex('060a 2a ffffffffffffffff7f')), 'oid')).toThrow(/arc too large/);
  });
});

describe('readTime', () => {
  const time = (tag: number, text: string) => parseAsn1(tlv(tag, Buffer.from(text, 'latin1')));

  it('reads UTCTime years 50 to 99 as 19xx and 00 to 49 as 20xx (RFC 5280 4.1.2.5.1)', () => {
    expect(readTime(time(0x17, '500101000000Z'), 't').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(readTime(time(0x17, '491231235959Z'), 't').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime(time(0x18, '20240229120000Z'), 't').toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it('refuses dates and times out of their range rather than rolling them over', () => {
    for (const text of ['261301000000Z', '260230000000Z', '260431000000Z', '260101240000Z', '260101006000Z', '260101000060Z', '230229000000Z']) {
      expect(() => readTime(time(0x17, text), 't')).toThrow(/is not a calendar date and time/);
    }
  });

  it('refuses times without seconds, without Zulu, with fractions, or empty', () => {
    for (const text of ['2601010000Z', '260101000000', '260101000000+0100', '20260101000000.5Z', '']) {
      expect(() => readTime(time(0x17, text), 't')).toThrow(/expected a UTCTime or GeneralizedTime/);
    }
  });
});
