import { Client } from 'pg';
import { AuditService } from '../../src/audit/audit.service';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { runBuilt } from '../support/run-cli';

// Tampering breaks the chain for good, so this spec runs on a database of its own. The tampering
// steps go from the end of the chain towards its start, so each one is the first break the check
// meets and the earlier steps need no undoing.
describe('audit log: append-only in the database, hash-chained, checked by npm run audit:verify', () => {
  let hub: TestHub;
  let own: { url: string; restore: () => Promise<void> };
  let behindTheBack: Client;

  beforeAll(async () => {
    own = await useOwnDatabase('audit');
    hub = await TestHub.start({ withWorkers: false });
    behindTheBack = new Client({ connectionString: own.url });
    await behindTheBack.connect();
  });

  afterAll(async () => {
    await behindTheBack.end();
    await hub.close();
    await own.restore();
  });

  function auditVerify(): { status: number | null; stdout: string } {
    return runBuilt('audit/cli/audit-verify.js', { DATABASE_URL: own.url });
  }

  it('keeps one correct chain under twenty concurrent writers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hub.operator('POST', '/v1/traders', { id: `KH-TIN-90000${String(i).padStart(2, '0')}`, name: `Trader ${i}`, country: 'KH' })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const verification = await hub.app.get(AuditService).verify();
    expect(verification).toEqual({ ok: true, checked: 20 });
    const result = auditVerify();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('audit chain intact: 20 entries checked');
  });

  it('is refused an UPDATE, a DELETE and a TRUNCATE by the database itself', async () => {
    await expect(behindTheBack.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(behindTheBack.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(behindTheBack.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await hub.count('audit_log')).toBe(20);
  });

  it('names the entry changed by an UPDATE done with the triggers bypassed', async () => {
    await behindTheBack.query(`SET session_replication_role = replica`);
    await behindTheBack.query(`UPDATE audit_log SET payload = '{"country":"JP"}' WHERE seq = 15`);
    const result = auditVerify();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at entry seq=15 .*HASH_MISMATCH/);
  });

  it('names the entry after one removed by a DELETE', async () => {
    await behindTheBack.query('DELETE FROM audit_log WHERE seq = 10');
    const result = auditVerify();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at entry seq=11 .*PREV_HASH_MISMATCH/);
  });

  it('names the first entry out of place after two are swapped', async () => {
    // Sequence numbers cannot be rewritten (identity ALWAYS), so a reordering moves the content.
    const columns = ['id', 'occurred_at', 'actor', 'action', 'entity_type', 'entity_id', 'payload', 'prev_hash', 'hash'];
    const { rows } = await behindTheBack.query(`SELECT seq, ${columns.join(', ')} FROM audit_log WHERE seq IN (5, 6) ORDER BY seq`);
    const assign = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await behindTheBack.query('UPDATE audit_log SET id = gen_random_uuid() WHERE seq = 5');
    await behindTheBack.query(`UPDATE audit_log SET ${assign} WHERE seq = $1`, [6, ...columns.map((c) => rows[0][c])]);
    await behindTheBack.query(`UPDATE audit_log SET ${assign} WHERE seq = $1`, [5, ...columns.map((c) => rows[1][c])]);
    const result = auditVerify();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at entry seq=5 .*PREV_HASH_MISMATCH/);
    expect(result.stdout).toContain('4 entries before it are intact');
  });
});
