import { canonicalJson, documentHash, normalizeDocument, sha256Hex } from './canonical';
import { buildCertificate, buildItem } from './testing/build-certificate';

process.env.TZ = 'UTC';

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

describe('normalizeDocument', () => {
  it('NFC-normalises every string, however deep', () => {
    const decomposed = 'Nguye\u0302\u0303n Chi\u0301nh'; // Vietnamese written with combining marks
    const doc = buildCertificate({ remarks: decomposed, consignee: { name: decomposed, address: { line1: decomposed, country: 'CN' } } });
    const normalized = normalizeDocument(doc);
    expect(normalized.remarks).toBe('Nguyễn Chính'.normalize('NFC'));
    expect(normalized.consignee.address.line1).toBe(decomposed.normalize('NFC'));
    expect(normalized.remarks).not.toBe(decomposed);
  });

  it('writes NNNN.NN HS codes as six digits', () => {
    const normalized = normalizeDocument(buildCertificate({ items: [buildItem({ hsCode: '0810.60' })] }));
    expect(normalized.items[0].hsCode).toBe('081060');
  });

  it('trims nothing, drops undefined properties and leaves the input untouched', () => {
    const doc = buildCertificate({ remarks: '  two spaces  ', exportDeclarationRef: undefined });
    const withUndefined = { ...doc, ucr: undefined };
    const normalized = normalizeDocument(withUndefined);
    expect(normalized.remarks).toBe('  two spaces  ');
    expect(Object.keys(normalized)).not.toContain('ucr');
    expect(Object.keys(withUndefined)).toContain('ucr');
    expect(normalized).not.toBe(withUndefined);
    expect(normalized.items).not.toBe(withUndefined.items);
  });

  it('gives a composed and a decomposed spelling the same document hash', () => {
    const composed = buildCertificate({ remarks: 'Café' });
    const decomposed = buildCertificate({ remarks: 'Cafe\u0301' });
    expect(documentHash(normalizeDocument(composed))).toBe(documentHash(normalizeDocument(decomposed)));
    expect(documentHash(composed)).not.toBe(documentHash(decomposed));
  });
});
