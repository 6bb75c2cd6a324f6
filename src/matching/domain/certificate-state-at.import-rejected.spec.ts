import { ImportStatus } from '../../certificates/domain/certificate-status';
import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: rejected by the importing customs', () => {
  const rejected = buildStateFacts({
    importStatus: ImportStatus.REJECTED,
    history: [{ type: 'IMPORT_STATUS_CHANGED', fromStatus: 'RECEIVED', toStatus: 'REJECTED', occurredAt: new Date('2026-05-05T10:00:00Z') }],
  });

  it('refuses it once rejected', () => {
    expect(stateProblemsAt(rejected, declarationInstant('2026-05-06'))).toEqual([
      { field: 'importStatus', code: 'IMPORT_REJECTED', message: 'the importing customs had rejected the certificate by 2026-05-06' },
    ]);
  });

  it('judges a declaration dated before the rejection by the status it had then', () => {
    expect(stateProblemsAt(rejected, declarationInstant('2026-05-04'))).toEqual([]);
  });

  it('reads the status now when no change was ever recorded', () => {
    expect(stateProblemsAt({ ...rejected, history: [] }, declarationInstant('2026-05-04')).map((p) => p.code)).toEqual(['IMPORT_REJECTED']);
  });
});
