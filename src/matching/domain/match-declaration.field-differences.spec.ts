import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration } from './testing/match-builders';

describe('matching a declaration: header fields that differ', () => {
  it('is PARTIAL naming the consignee, the agreement and the UCR, and claims nothing', () => {
    const result = matchDeclaration(buildDeclaration({ consigneeId: 'JP-CN-999', agreement: 'ATIGA', ucr: '6KH1234567-OTHER' }), [buildCandidate()]);
    expect(result.status).toBe('PARTIAL');
    expect(result.fields).toEqual([
      { field: 'consignee.id', code: 'CONSIGNEE_DIFFERS', message: 'declared consignee JP-CN-999, the certificate names JP-CN-1234567890123' },
      { field: 'agreement', code: 'AGREEMENT_DIFFERS', message: 'preference claimed under ATIGA, the certificate is issued under RCEP' },
      { field: 'ucr', code: 'UCR_DIFFERS', message: 'declared UCR 6KH1234567-OTHER, the certificate bears 6KH1234567-A1' },
    ]);
    expect(result.lines[0].status).toBe('MATCHED');
    expect(result.uses).toEqual([]);
  });

  it('is PARTIAL when the certificate was cancelled before the declaration date', () => {
    const cancelled = buildCandidate({ history: [{ type: 'CANCELLED', fromStatus: 'ISSUED', toStatus: 'CANCELLED', occurredAt: new Date('2026-03-10T00:00:00Z') }] });
    const result = matchDeclaration(buildDeclaration(), [cancelled]);
    expect(result.status).toBe('PARTIAL');
    expect(result.fields.map((f) => f.code)).toEqual(['CANCELLED_ON_DATE']);
  });
});
