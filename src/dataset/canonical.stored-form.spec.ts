import { documentHash, storedDocumentForm } from './canonical';
import { buildCertificate, buildItem } from './testing/build-certificate';
import { validateCertificateShape } from './validate-shape';

process.env.TZ = 'UTC';

// A draft's issue checks its stored document again (DatasetService.validateDocument) and signs what
// it stored: a body that passed the check at create must pass it again once stored, and be its own
// stored form, whatever normalisation did to it. These bodies exercise each normalisation.
describe('storedDocumentForm', () => {
  const decomposed = 'Nguye\u0302\u0303n Chi\u0301nh';
  const bodies: [string, Record<string, unknown>][] = [
    ['the sample as built', buildCertificate() as unknown as Record<string, unknown>],
    ['HS codes written NNNN.NN', buildCertificate({ items: [buildItem({ hsCode: '0810.60' }), buildItem({ itemNumber: 2, hsCode: '0803.00' })] }) as unknown as Record<string, unknown>],
    ['strings with combining marks', buildCertificate({ remarks: decomposed, consignee: { name: decomposed, address: { line1: decomposed, country: 'CN' } } }) as unknown as Record<string, unknown>],
    ['undefined properties', { ...(buildCertificate({ remarks: '  kept as sent  ' }) as unknown as Record<string, unknown>), ucr: undefined }],
    ['a back-to-back certificate', buildCertificate({ backToBack: { originalCertificateNumber: 'VN-RCEP-26-000123', originalIssuingCountry: 'VN' } }) as unknown as Record<string, unknown>],
  ];

  it.each(bodies)('of %s passes the shape check again and is its own stored form', (_name, body) => {
    const checked = validateCertificateShape(body);
    expect(checked.violations).toEqual([]);
    const stored = storedDocumentForm(checked.value as object);

    const again = validateCertificateShape(stored);
    expect(again.violations).toEqual([]);
    expect(storedDocumentForm(again.value as object)).toEqual(stored);
    // Normalising a stored document again changes nothing, its RFC 8785 hash included.
    expect(storedDocumentForm(stored)).toEqual(stored);
    expect(documentHash(storedDocumentForm(stored))).toBe(documentHash(stored));
  });

  it('changes what normalisation changes (so the cases above test something)', () => {
    const dotted = validateCertificateShape(bodies[1][1]);
    expect((storedDocumentForm(dotted.value as object).items as { hsCode: string }[]).map((item) => item.hsCode)).toEqual(['081060', '080300']);
    const combining = validateCertificateShape(bodies[2][1]);
    expect(storedDocumentForm(combining.value as object).remarks).toBe(decomposed.normalize('NFC'));
    expect(Object.keys(storedDocumentForm(bodies[3][1]))).not.toContain('ucr');
  });
});
