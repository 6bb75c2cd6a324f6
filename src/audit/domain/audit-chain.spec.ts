import { AuditRecord, GENESIS_HASH, auditEntryHash, findChainBreak } from './audit-chain';

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = {
      id: `00000000-0000-4000-8000-00000000000${i}`,
      occurredAt: new Date(Date.UTC(2026, 10, 27, 8, 0, i)),
      actor: 'authority:KH-MOC',
      action: 'CERTIFICATE_ISSUED',
      entityType: 'certificate',
      entityId: `c${i}`,
      payload: `{"n":${i}}`,
    };
    const hash = auditEntryHash(prev, content);
    out.push({ ...content, seq: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('accepts an intact chain', () => {
    const result = findChainBreak(chain(5));
    expect(result.break).toBeUndefined();
    expect(result.count).toBe(5);
  });

  it('names an altered entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], payload: '{"n":99}' };
    expect(findChainBreak(entries).break).toMatchObject({ seq: '3', reason: 'HASH_MISMATCH' });
  });

  it('names the entry after a deleted one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(findChainBreak(entries).break).toMatchObject({ seq: '3', reason: 'PREV_HASH_MISMATCH' });
  });

  it('names the first entry out of order after two are swapped', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(findChainBreak(entries).break).toMatchObject({ seq: '3', reason: 'PREV_HASH_MISMATCH' });
  });
});
