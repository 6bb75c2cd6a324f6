import { X509Certificate, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditAction } from '../../src/audit/audit-action';
import { AuditService } from '../../src/audit/audit.service';
import { certificateKeyId, checkCheckpointSignature } from '../../src/audit/domain/audit-checkpoint';
import { auditVerify, waitForAuditChain, waitUntil } from '../support/audit';
import { NodeIdentity, devNodeIdentity, forgetNodeIdentity, partnerBody, useNodeIdentity } from '../support/exchange';
import { HttpResult, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// The sequencer runs in this process (the hub with its workers), every 100 ms with a 200 ms bound.
// A database of its own, so the chain's numbers are this spec's.
describe('audit log: appended without a lock, chained by one sequencer, closed by signed checkpoints', () => {
  let hub: TestHub;
  let own: { url: string; restore: () => Promise<void> };
  let pg: Client;
  let node: NodeIdentity;
  let nodeCertFile: string;
  let dir: string;

  beforeAll(async () => {
    own = await useOwnDatabase('audit');
    process.env.HUB_AUDIT_MAX_DELAY_MS = '200';
    node = devNodeIdentity('Test hub node');
    useNodeIdentity(node);
    dir = mkdtempSync(join(tmpdir(), 'ecoo-audit-'));
    nodeCertFile = join(dir, 'node.crt');
    writeFileSync(nodeCertFile, node.certificatePem);
    hub = await TestHub.start();
    pg = new Client({ connectionString: own.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg.end();
    await hub.close();
    forgetNodeIdentity();
    delete process.env.HUB_AUDIT_MAX_DELAY_MS;
    await own.restore();
  });

  function registerTrader(i: number) {
    return hub.operator('POST', '/v1/traders', { id: `KH-TIN-9${String(i).padStart(6, '0')}`, name: `Trader ${i}`, country: 'KH' });
  }

  it('chains the entries of twenty concurrent writers into one chain, closed by a checkpoint signed with the node key', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => registerTrader(i)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '20', covered: '20' });
    const { rows } = await pg.query('SELECT seq::int AS seq FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await hub.app.get(AuditService).verify()).toEqual({ ok: true, checked: 20 });

    const latest = await hub.operator('GET', '/v1/audit/checkpoint');
    expect(latest.status).toBe(200);
    const [entry] = (await pg.query(`SELECT hash FROM audit_log WHERE seq = 20`)).rows;
    expect(latest.body).toMatchObject({ seq: '20', head: entry.hash, algorithm: 'RSA-SHA256', certificate: node.certificatePem });
    expect(latest.body.keyId).toBe(certificateKeyId(new X509Certificate(node.certificatePem)));
    expect(checkCheckpointSignature(latest.body, [new X509Certificate(node.certificatePem)])).toBeUndefined();

    const metrics = await hub.request('GET', '/metrics');
    expect(metrics.text).toContain('ecoo_audit_unchained_entries 0');
    expect(metrics.text).toContain('ecoo_audit_oldest_unchained_seconds 0');
    expect(metrics.text).toContain('ecoo_audit_checkpoint_seq 20');

    const result = auditVerify(own.url, ['--trust', nodeCertFile]);
    expect(result.stdout).toContain('audit chain intact: 20 entries checked');
    expect(result.stdout).toMatch(/checkpoints: \d+ checked, every signature valid and trusted, the chain holds every head/);
    expect(result.stdout).toContain('audit log intact');
    expect(result.status).toBe(0);
  });

  it('gives an appended entry no place in the chain, whatever the writer sends, and lets only the sequencer give it one', async () => {
    await pg.query('BEGIN');
    try {
      const { rows } = await pg.query(
        `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, payload, seq, prev_hash, hash, arrival_no)
         VALUES ($1, now(), 'operator', 'TRADER_REGISTERED', 'trader', '{}', 1, repeat('0', 64), repeat('1', 64), 1)
         RETURNING seq, prev_hash, hash, arrival_no::int AS arrival_no, appended_at`,
        [randomUUID()],
      );
      expect(rows[0]).toMatchObject({ seq: null, prev_hash: null, hash: null, appended_at: expect.any(Date) });
      expect(rows[0].arrival_no).toBeGreaterThan(20);
      // Even the right hash for the next place is refused outside the sequencer's session.
      await expect(
        pg.query(
          `UPDATE audit_log SET seq = 21, prev_hash = (SELECT hash FROM audit_log WHERE seq = 20),
                  hash = audit_entry_hash((SELECT hash FROM audit_log WHERE seq = 20), 21, id, occurred_at, actor, action, entity_type, entity_id, payload)
            WHERE seq IS NULL`,
        ),
      ).rejects.toThrow(/append-only: UPDATE refused \(only the audit sequencer/);
    } finally {
      await pg.query('ROLLBACK');
    }
  });

  it('is refused an UPDATE, a DELETE and a TRUNCATE of entries and checkpoints by the database itself', async () => {
    await expect(pg.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(pg.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(pg.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(pg.query(`UPDATE audit_checkpoints SET head = repeat('0', 64)`)).rejects.toThrow(/append-only/);
    await expect(pg.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    await expect(pg.query('TRUNCATE audit_checkpoints, audit_checkpoint_signers')).rejects.toThrow(/append-only/);
    await expect(
      pg.query(`INSERT INTO audit_checkpoints (seq, head, signed_at, algorithm, signature, key_id) SELECT 99, head, now(), algorithm, signature, key_id FROM audit_checkpoints LIMIT 1`),
    ).rejects.toThrow(/audit_checkpoints is append-only: INSERT refused/);
    expect(await hub.count('audit_log')).toBe(20);
  });

  it('chains an entry whose transaction was held open across a sequencer batch once it commits: later, never skipped', async () => {
    const held = hub.dataSource.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    const heldId = randomUUID();
    try {
      // Appended first (the lower arrival number), committed last.
      await hub.app.get(AuditService).append(held.manager, { actor: 'operator', action: AuditAction.TRADER_REGISTERED, entityType: 'trader', entityId: heldId });
      const later = await registerTrader(100);
      expect(later.status).toBe(201);
      // A batch ran while the first transaction was open: it chained the later entry, and could not see the held one.
      await waitUntil('the entry appended later is chained', async () => (await pg.query(`SELECT seq FROM audit_log WHERE entity_id = 'KH-TIN-9000100'`)).rows[0]?.seq != null);
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [heldId]);
      expect(rows[0].n).toBe(0);
      await held.commitTransaction();
    } finally {
      if (held.isTransactionActive) await held.rollbackTransaction();
      await held.release();
    }
    const state = await waitForAuditChain(pg);
    const { rows } = await pg.query(
      `SELECT entity_id, seq::int AS seq, arrival_no::int AS arrival_no FROM audit_log WHERE entity_id IN ($1, 'KH-TIN-9000100') ORDER BY arrival_no`,
      [heldId],
    );
    expect(rows.map((r) => r.entity_id)).toEqual([heldId, 'KH-TIN-9000100']);
    // It arrived first, and took its place after the entry that committed before it.
    expect(rows[0].seq).toBeGreaterThan(rows[1].seq);
    expect(state).toEqual({ waiting: 0, head: '22', covered: '22' });
    expect(await hub.app.get(AuditService).verify()).toEqual({ ok: true, checked: 22 });
  });

  describe('checkpoints for the operator and partner nodes', () => {
    let partnerToken: string;
    let authorityKey: string;

    beforeAll(async () => {
      const partner = await hub.operator('POST', '/v1/partners', partnerBody());
      expect(partner.status).toBe(201);
      partnerToken = partner.body.inboundToken;
      authorityKey = await hub.authority('KH-MOC', 'KH', ['ISSUER'], { signingKey: false });
      await waitForAuditChain(pg);
    });

    it('serves the latest checkpoint to the operator and to a partner node alike', async () => {
      const [latest] = (await pg.query('SELECT seq::text AS seq, head FROM audit_checkpoints ORDER BY audit_checkpoints.seq DESC LIMIT 1')).rows;
      const asOperator = await hub.operator('GET', '/v1/audit/checkpoint');
      const asPartner = await hub.request('GET', '/v1/audit/checkpoint', { token: partnerToken });
      expect(asOperator.status).toBe(200);
      expect(asOperator.body).toMatchObject({ format: 'e-coo-hub-audit-checkpoint/1', seq: latest.seq, head: latest.head });
      expect(asPartner.status).toBe(200);
      expect(asPartner.body).toEqual(asOperator.body);
    });

    it('refuses authorities (403) and anyone without a known credential (401), as problem+json', async () => {
      for (const path of ['/v1/audit/checkpoint', '/v1/audit/checkpoints']) {
        const forbidden = await hub.request('GET', path, { token: authorityKey });
        expect(forbidden.status).toBe(403);
        expect(forbidden.body.code).toBe('FORBIDDEN');
        for (const token of [undefined, 'not-a-token', `ecoop_aaaaaaaaaaaa_${'b'.repeat(43)}`]) {
          const res = await hub.request('GET', path, { token });
          expect(res.status).toBe(401);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(res.body.code).toBe('UNAUTHENTICATED');
        }
      }
    });

    it('serves the history from a sequence number on, oldest first, page by page', async () => {
      const all = (await pg.query('SELECT seq::text AS seq FROM audit_checkpoints ORDER BY audit_checkpoints.seq')).rows.map((r) => r.seq);
      expect(all.length).toBeGreaterThan(1);
      const seen: string[] = [];
      let from: string | null = '0';
      while (from !== null) {
        const res: HttpResult = await hub.request('GET', `/v1/audit/checkpoints?from=${from}&limit=1`, { token: partnerToken });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].seq);
        from = res.body.nextFrom;
      }
      expect(seen).toEqual(all);
      const tail = await hub.operator('GET', `/v1/audit/checkpoints?from=${all[all.length - 1]}`);
      expect(tail.body).toMatchObject({ items: [{ seq: all[all.length - 1] }], nextFrom: null });
      const beyond = await hub.operator('GET', '/v1/audit/checkpoints?from=999999999999999999');
      expect(beyond.body).toEqual({ items: [], nextFrom: null });
    });

    it('answers 422 listing every bad parameter of the history, and changes nothing', async () => {
      const before = await hub.count('audit_checkpoints');
      const res = await hub.operator('GET', '/v1/audit/checkpoints?from=-1&limit=5000&since=yesterday');
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.violations.map((v: { path: string }) => v.path).sort()).toEqual(['from', 'limit', 'since']);
      const huge = await hub.operator('GET', '/v1/audit/checkpoints?from=99999999999999999999');
      expect(huge.status).toBe(422);
      expect(await hub.count('audit_checkpoints')).toBe(before);
    });
  });

  it('still finds the head of a checkpoint an auditor saved earlier while the log grows', async () => {
    const saved = await hub.operator('GET', '/v1/audit/checkpoint');
    const file = join(dir, 'saved-checkpoint.json');
    writeFileSync(file, saved.text);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => registerTrader(200 + i)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    const state = await waitForAuditChain(pg);
    expect(BigInt(state.head!)).toBeGreaterThan(BigInt(saved.body.seq));
    const result = auditVerify(own.url, ['--checkpoint', file, '--trust', nodeCertFile]);
    expect(result.stdout).toContain(`saved checkpoint ${file} seq=${saved.body.seq}: signature valid and trusted, the chain holds its head ${saved.body.head}`);
    expect(result.status).toBe(0);
  });

  it('keeps entries of a transaction that rolled back out of the chain', async () => {
    const before = await waitForAuditChain(pg);
    await expect(
      hub.dataSource.transaction(async (manager) => {
        await hub.app.get(AuditService).append(manager, { actor: 'operator', action: AuditAction.TRADER_REGISTERED, entityType: 'trader', entityId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await registerTrader(300);
    const after = await waitForAuditChain(pg);
    expect(BigInt(after.head!)).toBe(BigInt(before.head!) + 1n);
    expect(await hub.count('audit_log', `entity_id = 'rolled-back'`)).toBe(0);
    expect((await hub.app.get(AuditService).verify()).ok).toBe(true);
  });
});
