import { X509Certificate, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { auditEntryHash } from '../../src/audit/domain/audit-chain';
import { CHECKPOINT_ALGORITHM, CHECKPOINT_FORMAT, certificateKeyId, checkpointSigningInput } from '../../src/audit/domain/audit-checkpoint';
import { auditVerify, waitForAuditChain } from '../support/audit';
import { NodeIdentity, devNodeIdentity, forgetNodeIdentity, useNodeIdentity } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// Someone with write access to the database, triggers bypassed (session_replication_role = replica),
// against an auditor who kept a checkpoint outside the hub and holds the node's certificate. The hub
// chains twenty entries and stops, so no sequencer runs while the log is tampered with. Tampering is
// for good, so this spec has a database of its own; the steps go from the subtle to the crude.
describe('audit log tampering is caught by audit:verify', () => {
  let own: { url: string; restore: () => Promise<void> };
  let pg: Client;
  let node: NodeIdentity;
  let dir: string;
  let nodeCertFile: string;
  let savedFile: string;
  let saved: Record<string, string>;

  beforeAll(async () => {
    own = await useOwnDatabase('audit_tamper');
    process.env.HUB_AUDIT_MAX_DELAY_MS = '200';
    node = devNodeIdentity('Test hub node');
    useNodeIdentity(node);
    dir = mkdtempSync(join(tmpdir(), 'ecoo-audit-tamper-'));
    nodeCertFile = join(dir, 'node.crt');
    writeFileSync(nodeCertFile, node.certificatePem);
    const hub = await TestHub.start();
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => hub.operator('POST', '/v1/traders', { id: `KH-TIN-80000${String(i).padStart(2, '0')}`, name: `Trader ${i}`, country: 'KH' })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(await waitForAuditChain(hub.dataSource)).toEqual({ waiting: 0, head: '20', covered: '20' });
      // What an auditor (or a partner's node) keeps outside the hub.
      const latest = await hub.operator('GET', '/v1/audit/checkpoint');
      saved = latest.body;
      savedFile = join(dir, 'checkpoint-20.json');
      writeFileSync(savedFile, latest.text);
    } finally {
      await hub.close();
    }
    pg = new Client({ connectionString: own.url });
    await pg.connect();
    await pg.query('SET session_replication_role = replica');
  });

  afterAll(async () => {
    await pg.end();
    forgetNodeIdentity();
    delete process.env.HUB_AUDIT_MAX_DELAY_MS;
    await own.restore();
  });

  function verify(...args: string[]) {
    return auditVerify(own.url, [...args, '--trust', nodeCertFile]);
  }

  function saveCheckpoint(name: string, checkpoint: Record<string, string>): string {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(checkpoint));
    return file;
  }

  it('passes an intact log against the checkpoint kept outside', () => {
    const result = verify('--checkpoint', savedFile);
    expect(result.stdout).toContain(`saved checkpoint ${savedFile} seq=20: signature valid and trusted, the chain holds its head ${saved.head}`);
    expect(result.status).toBe(0);
  });

  it('fails a kept checkpoint whose head or number was changed: its signature no longer matches', () => {
    const forgeries: Record<string, string>[] = [
      { ...saved, head: 'f'.repeat(64) },
      { ...saved, seq: '19' },
    ];
    for (const forged of forgeries) {
      const file = saveCheckpoint('forged.json', forged);
      const result = verify('--checkpoint', file);
      expect(result.stdout).toMatch(new RegExp(`saved checkpoint ${file} seq=${forged.seq} FAILS CHECKPOINT_SIGNATURE_INVALID`));
      expect(result.status).toBe(1);
    }
  });

  it('fails a checkpoint signed with a key other than the node key, when the auditor names the node certificate', () => {
    const intruder = devNodeIdentity('Intruder');
    const statement = { seq: '20', head: saved.head, time: new Date().toISOString() };
    const forged = {
      format: CHECKPOINT_FORMAT,
      ...statement,
      algorithm: CHECKPOINT_ALGORITHM,
      signature: sign('sha256', checkpointSigningInput(statement), createPrivateKey(intruder.keyPem)).toString('base64'),
      keyId: certificateKeyId(new X509Certificate(intruder.certificatePem)),
      certificate: intruder.certificatePem,
    };
    const file = saveCheckpoint('intruder.json', forged);
    const result = verify('--checkpoint', file);
    expect(result.stdout).toMatch(new RegExp(`saved checkpoint ${file} seq=20 FAILS CHECKPOINT_SIGNER_UNTRUSTED: signed by .*Intruder`));
    expect(result.status).toBe(1);
  });

  it('fails a forged checkpoint stored in the database: its signature does not match', async () => {
    const [free] = (await pg.query(`SELECT s AS seq FROM generate_series(1, 19) s WHERE s NOT IN (SELECT seq FROM audit_checkpoints) ORDER BY s DESC LIMIT 1`)).rows;
    await pg.query(
      `INSERT INTO audit_checkpoints (seq, head, signed_at, algorithm, signature, key_id)
       SELECT $1, (SELECT hash FROM audit_log WHERE seq = $1), signed_at, algorithm, signature, key_id FROM audit_checkpoints WHERE seq = 20`,
      [free.seq],
    );
    try {
      const result = verify();
      expect(result.stdout).toContain('audit chain intact: 20 entries checked');
      expect(result.stdout).toMatch(new RegExp(`checkpoint seq=${free.seq} FAILS CHECKPOINT_SIGNATURE_INVALID`));
      expect(result.status).toBe(1);
    } finally {
      await pg.query('DELETE FROM audit_checkpoints WHERE seq = $1', [free.seq]);
    }
  });

  it('catches an edit whose whole chain was hashed again against the stored checkpoints, and once those are gone against the kept one', async () => {
    // The edit, then every hash from there on recomputed: the chain alone holds together again.
    await pg.query(`UPDATE audit_log SET payload = '{"country":"JP"}' WHERE seq = 15`);
    const { rows } = await pg.query(
      `SELECT seq::text AS seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, actor, action, entity_type, entity_id, payload, prev_hash
         FROM audit_log WHERE seq >= 15 ORDER BY audit_log.seq`,
    );
    let prevHash: string = rows[0].prev_hash;
    for (const row of rows) {
      const hash = auditEntryHash({
        seq: row.seq,
        id: row.id,
        occurredAt: row.occurred_at,
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        payload: row.payload,
        prevHash,
      });
      await pg.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [row.seq, prevHash, hash]);
      prevHash = hash;
    }

    const againstStored = verify();
    expect(againstStored.stdout).toContain('audit chain intact: 20 entries checked');
    expect(againstStored.stdout).toMatch(/checkpoint seq=20 FAILS CHECKPOINT_HEAD_MISMATCH: entry 20 hashes to [0-9a-f]{64} but the checkpoint of .* says/);
    expect(againstStored.status).toBe(1);

    // Without its checkpoints the database alone can no longer tell: the kept checkpoint can.
    await pg.query('DELETE FROM audit_checkpoints');
    const databaseOnly = verify();
    expect(databaseOnly.stdout).toContain('audit log intact');
    expect(databaseOnly.status).toBe(0);
    const againstKept = verify('--checkpoint', savedFile);
    expect(againstKept.stdout).toMatch(new RegExp(`saved checkpoint ${savedFile} seq=20 FAILS CHECKPOINT_HEAD_MISMATCH: entry 20 hashes to [0-9a-f]{64} but the checkpoint`));
    expect(againstKept.status).toBe(1);
  });

  it('names the entry changed by an UPDATE', async () => {
    await pg.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 12`);
    const result = verify();
    expect(result.stdout).toMatch(/audit chain BROKEN at entry seq=12 .*HASH_MISMATCH/);
    expect(result.status).toBe(1);
  });

  it('names the entry after one removed by a DELETE', async () => {
    await pg.query('DELETE FROM audit_log WHERE seq = 10');
    const result = verify();
    expect(result.stdout).toMatch(/audit chain BROKEN at entry seq=11 .*PREV_HASH_MISMATCH/);
    expect(result.status).toBe(1);
  });

  it('names the first entry out of place after two are swapped', async () => {
    const columns = ['id', 'occurred_at', 'actor', 'action', 'entity_type', 'entity_id', 'payload', 'prev_hash', 'hash'];
    const { rows } = await pg.query(`SELECT seq, ${columns.join(', ')} FROM audit_log WHERE seq IN (5, 6) ORDER BY seq`);
    const assign = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await pg.query('UPDATE audit_log SET id = gen_random_uuid() WHERE seq = 5');
    await pg.query(`UPDATE audit_log SET ${assign} WHERE seq = $1`, [6, ...columns.map((c) => rows[0][c])]);
    await pg.query(`UPDATE audit_log SET ${assign} WHERE seq = $1`, [5, ...columns.map((c) => rows[1][c])]);
    const result = verify('--checkpoint', savedFile);
    expect(result.stdout).toMatch(/audit chain BROKEN at entry seq=5 .*PREV_HASH_MISMATCH/);
    expect(result.stdout).toContain('4 entries before it are intact');
    expect(result.stdout).toMatch(/saved checkpoint .* seq=20 FAILS CHECKPOINT_HEAD_MISMATCH/);
    expect(result.stdout).toMatch(/audit log BROKEN: \d+ problems/);
    expect(result.status).toBe(1);
  });
});
