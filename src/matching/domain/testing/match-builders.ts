import { CertificateStatus, ImportStatus } from '../../../certificates/domain/certificate-status';
import type { CandidateFacts, DeclarationFacts, DeclaredLine } from '../match-declaration';

/** A received RCEP certificate of 25 000 KGM of Cambodian milled rice (100630), issued 2026-03-02. */
export function buildCandidate(overrides: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    certificateNumber: 'KH-RCEP-2026-0001',
    issuingAuthority: 'KH-MOC',
    copyNumber: 0,
    ucr: '6KH1234567-A1',
    consigneeId: 'JP-CN-1234567890123',
    agreement: 'RCEP',
    preferential: true,
    issueDateTime: new Date('2026-03-02T08:00:00Z'),
    expiresAt: new Date('2027-03-02T08:00:00Z'),
    status: CertificateStatus.ISSUED,
    importStatus: ImportStatus.RECEIVED,
    history: [{ type: 'RECEIVED', fromStatus: null, toStatus: 'ISSUED', occurredAt: new Date('2026-03-02T09:00:00Z') }],
    items: [{ itemNumber: 1, hsCode: '100630', originCountry: 'KH', measure: { value: '25000', unit: 'KGM' }, remaining: '25000' }],
    tolerancePercent: 5,
    ...overrides,
  };
}

export function buildLine(overrides: Partial<DeclaredLine> = {}): DeclaredLine {
  return { lineNumber: 1, hsCode: '10063090', originCountry: 'KH', quantity: { value: '25000', unit: 'KGM' }, preferenceClaimed: true, ...overrides };
}

/** The import declaration of that rice in Japan on 2026-03-20, claiming RCEP preference. */
export function buildDeclaration(overrides: Partial<DeclarationFacts> = {}): DeclarationFacts {
  return { declarationDate: '2026-03-20', ucr: '6KH1234567-A1', certificateNumber: 'KH-RCEP-2026-0001', consigneeId: 'JP-CN-1234567890123', agreement: 'RCEP', lines: [buildLine()], ...overrides };
}
