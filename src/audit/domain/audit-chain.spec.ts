import { AuditRecord, GENESIS_HASH, auditEntryHash, chainAfter, findChainBreak } from './audit-chain';

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

describe('chaining waiting entries after a head', () => {
  const content = (n: number) => ({
    id: `00000000-0000-4000-8000-00000000010${n}`,
    occurredAt: `2026-11-27T09:00:0${n}.000000Z`,
    actor: 'operator',
    action: 'TRADER_REGISTERED',
    entityType: 'trader',
    entityId: `KH-TIN-${n}`,
    payload: '{}',
  });

  it('starts the chain at 1 from the genesis hash when there is no head', () => {
    const records = chainAfter(null, [content(1), content(2)]);
    expect(records.map((r) => r.seq)).toEqual(['1', '2']);
    expect(records[0].prevHash).toBe(GENESIS_HASH);
    expect(findChainBreak(records)).toEqual({ lastHash: records[1].hash, count: 2 });
  });

  it('numbers entries after the head in the order given, each linked to the one before', () => {
    const existing = chain(3);
    const head = { seq: existing[2].seq, hash: existing[2].hash };
    const records = chainAfter(head, [content(2), content(1)]);
    expect(records.map((r) => [r.seq, r.id])).toEqual([
      ['4', content(2).id],
      ['5', content(1).id],
    ]);
    expect(findChainBreak([...existing, ...records]).break).toBeUndefined();
  });

  it('counts past the largest safe JavaScript integer, as PostgreSQL bigints do', () => {
    const [record] = chainAfter({ seq: '9007199254740993', hash: GENESIS_HASH }, [content(1)]);
    expect(record.seq).toBe('9007199254740994');
  });
});

describe('a chain hashed again after an entry was removed', () => {
  it('names the entry whose number was skipped', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    // Everything after the removed entry hashed again, so every link and hash holds.
    let prev = entries[1].hash;
    for (let i = 2; i < entries.length; i++) {
      const unsealed = { ...entries[i], prevHash: prev };
      entries[i] = { ...unsealed, hash: auditEntryHash(unsealed) };
      prev = entries[i].hash;
    }
    expect(findChainBreak(entries).break).toMatchObject({ seq: '4', reason: 'SEQUENCE_GAP' });
  });

  it('continues the numbering from where a page ended', () => {
    const entries = chain(5);
    expect(findChainBreak(entries.slice(2), entries[1].hash, '2').break).toBeUndefined();
    expect(findChainBreak(entries.slice(3), entries[1].hash, '2').break).toMatchObject({ seq: '4', reason: 'PREV_HASH_MISMATCH' });
  });
});
