import { AuditService } from '../../src/audit/audit.service';
import { cambodiaToJapan } from '../fixtures/certificates';
import { waitForAuditChain } from '../support/audit';
import { TestHub } from '../support/hub';

// The hub's own guarantees under concurrent requests, in trial mode: the audit sequencer (in the hub's
// process) chains the audit log, and the unique constraints hold, as they do on a PostgreSQL server.
describe('a trial hub under concurrent requests', () => {
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub.close();
  });

  it('keeps one correct audit chain under twenty concurrent writers', async () => {
    const before = await hub.count('audit_log');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hub.operator('POST', '/v1/traders', { id: `KH-TIN-90000${String(i).padStart(2, '0')}`, name: `Trader ${i}`, country: 'KH' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(await hub.count('audit_log')).toBe(before + 20);
    expect(await waitForAuditChain(hub.dataSource)).toEqual({ waiting: 0, head: String(before + 20), covered: String(before + 20) });
    const seqs: { seq: string }[] = await hub.dataSource.query('SELECT seq::text AS seq FROM audit_log ORDER BY audit_log.seq');
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    expect(await hub.app.get(AuditService).verify()).toEqual({ ok: true, checked: before + 20 });
  });

  it('answers one 201 and nineteen 409 to twenty certificates created at once with the same number', async () => {
    const body = cambodiaToJapan();
    const answers = await Promise.all(Array.from({ length: 20 }, () => hub.request('POST', '/v1/certificates', { token: issuer, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'CERTIFICATE_NUMBER_TAKEN')).toBe(true);
    expect(await hub.count('certificates', 'certificate_number = $1', [body.certificateNumber])).toBe(1);
    expect((await hub.app.get(AuditService).verify()).ok).toBe(true);
  });
});
