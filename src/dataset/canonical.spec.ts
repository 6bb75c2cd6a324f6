import { documentHash, normalizeDocument } from './canonical';
import { buildCertificate, buildItem } from './testing/build-certificate';

process.env.TZ = 'UTC';

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
