import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises primitives as the RFC 8785 section 3.2.2 sample does', () => {
    // Input and expected output of RFC 8785, section 3.2.2 ("Serialization of Primitive Data Types").
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts properties by UTF-16 code units as the RFC 8785 section 3.2.3 sample does', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",' +
        ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign",' +
        '"😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('gives the same text whatever the property order', () => {
    expect(canonicalJson({ b: '1', a: { d: true, c: null } })).toBe(canonicalJson({ a: { c: null, d: true }, b: '1' }));
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 "abc" vector, for a string and for bytes', () => {
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256Hex('abc')).toBe(expected);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(expected);
  });

  it('hashes strings as UTF-8', () => {
    expect(sha256Hex('€')).toBe(sha256Hex(new Uint8Array([0xe2, 0x82, 0xac])));
  });
});
