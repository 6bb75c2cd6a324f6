import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration, buildLine } from './testing/match-builders';

describe('matching a declaration: lines that differ', () => {
  it('names each line: another origin, a preference on a non-preferential certificate, an HS code no item has', () => {
    const nonPreferential = buildCandidate({ preferential: false, agreement: null });
    const declaration = buildDeclaration({
      agreement: null,
      lines: [buildLine({ lineNumber: 1, originCountry: 'VN' }), buildLine({ lineNumber: 2, hsCode: '090111', quantity: { value: '10', unit: 'KGM' } })],
    });
    const result = matchDeclaration(declaration, [nonPreferential]);
    expect(result.status).toBe('PARTIAL');
    expect(result.lines).toEqual([
      {
        lineNumber: 1,
        certificateItemNumber: 1,
        status: 'PARTIAL',
        issues: [
          { field: 'originCountry', code: 'ORIGIN_DIFFERS', message: 'declared origin VN, item 1 is of KH origin' },
          { field: 'preferenceClaimed', code: 'NO_PREFERENCE', message: 'preference is claimed, but the certificate is non-preferential' },
        ],
      },
      { lineNumber: 2, certificateItemNumber: null, status: 'UNMATCHED', issues: [{ field: 'certificateItemNumber', code: 'NO_CERTIFICATE_ITEM', message: 'no item of the certificate has HS subheading 090111' }] },
    ]);
  });

  it('checks the HS code of the item a line names', () => {
    const result = matchDeclaration(buildDeclaration({ lines: [buildLine({ hsCode: '100640', certificateItemNumber: 1 })] }), [buildCandidate()]);
    expect(result.lines[0].issues).toEqual([{ field: 'hsCode', code: 'HS_CODE_DIFFERS', message: 'declared HS 100640, item 1 is HS 100630' }]);
  });
});
