import { AuditRecord, GENESIS_HASH, auditEntryHash, findChainBreak } from './audit-chain';

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = {
      id: `00000000-0000-4000-8000-00000000000${i}`,
      occurredAt: `2026-11-27T08:00:0${i}.000000Z`,
      actor: 'authority:KH-MOC',
      action: 'CERTIFICATE_ISSUED',
      entityType: 'certificate',
      entityId: `c${i}`,
      payload: `{"n":${i}}`,
    };
    const unsealed = { ...content, seq: String(i), prevHash: prev };
    const hash = auditEntryHash(unsealed);
    out.push({ ...unsealed, hash });
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

  it('keeps field boundaries: moving text from one field to the next changes the hash', () => {
    const [entry] = chain(1);
    const moved = { ...entry, actor: `${entry.actor}|6:action`, action: entry.action.slice(6) };
    expect(auditEntryHash(moved)).not.toBe(auditEntryHash(entry));
  });

  it('matches the hash the database trigger computes for a known entry', () => {
    // Computed by audit_log_chain() in PostgreSQL 15 for this exact entry.
    expect(
      auditEntryHash({
        seq: '1',
        id: '00000000-0000-4000-8000-000000000001',
        occurredAt: '2026-11-27T08:00:01.000000Z',
        actor: 'authority:KH-MOC',
        action: 'CERTIFICATE_ISSUED',
        entityType: 'certificate',
        entityId: null,
        payload: '{"n":1}',
        prevHash: GENESIS_HASH,
      }),
    ).toBe('2618bea675bab8e777e1132e3bddc04c04006efb7ababf79599047157ceaeedf');
  });

  it('names the first entry out of order after two are swapped', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(findChainBreak(entries).break).toMatchObject({ seq: '3', reason: 'PREV_HASH_MISMATCH' });
  });
});
