import { CertificateStatus } from '../../certificates/domain/certificate-status';
import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration } from './testing/match-builders';

describe('matching a declaration: several certificates answer its UCR', () => {
  it('keeps the replacement valid on the date rather than the original it replaced', () => {
    const original = buildCandidate({
      status: CertificateStatus.REPLACED,
      history: [{ type: 'REPLACED', fromStatus: 'ISSUED', toStatus: 'REPLACED', occurredAt: new Date('2026-03-05T00:00:00Z') }],
    });
    const replacement = buildCandidate({ id: '00000000-0000-4000-8000-000000000002', certificateNumber: 'KH-RCEP-2026-0002', issueDateTime: new Date('2026-03-05T00:00:00Z') });
    const result = matchDeclaration(buildDeclaration({ certificateNumber: null }), [original, replacement]);
    expect(result).toMatchObject({ status: 'MATCHED', certificate: { certificateNumber: 'KH-RCEP-2026-0002' } });
  });

  it('claims against the original rather than its certified true copy', () => {
    const copy = buildCandidate({ id: '00000000-0000-4000-8000-000000000003', copyNumber: 1, issueDateTime: new Date('2026-03-10T00:00:00Z') });
    const result = matchDeclaration(buildDeclaration(), [copy, buildCandidate()]);
    expect(result.certificate).toMatchObject({ copyNumber: 0 });
  });
});
