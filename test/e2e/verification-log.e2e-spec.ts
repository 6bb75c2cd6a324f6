import { randomUUID } from 'node:crypto';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { statementsSentBy } from '../support/sql-statements';
import { VerificationLog, VerificationLogEntry } from '../../src/verification/log/verification-log';
import { CertificateQueriesService } from '../../src/certificates/certificate-queries.service';
import { MetricsService } from '../../src/core/metrics/metrics.service';

// Issue 14: the reads of concurrent verifications by reference go out in one statement, and so do
// their entries (with the audit entries of their audited reads), in one commit; each answer still
// waits for its own entry's commit.
describe('verifications in groups: their reads and their log', () => {
  let hub: TestHub;
  let log: VerificationLog;
  let issuer: string;
  let customsJp: string;
  const issued: { id: string; certificateNumber: string }[] = [];

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    log = hub.app.get(VerificationLog);
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    for (let i = 0; i < 3; i++) {
      const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
      expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
      issued.push({ id: created.body.id, certificateNumber: created.body.certificateNumber });
    }
  });

  afterAll(async () => {
    await hub.close();
  });

  const entry = (cert: { id: string; certificateNumber: string } | null, caller: string, audited: boolean): VerificationLogEntry => ({
    verifiedAt: new Date('2026-12-07T08:00:00.000Z'),
    caller,
    method: 'REFERENCE',
    answerScope: cert ? 'FULL' : 'PUBLIC',
    certificateId: cert?.id ?? null,
    issuingAuthorityCode: 'KH-MOC',
    certificateNumber: cert?.certificateNumber ?? 'NOT-HELD-1',
    verdict: cert ? 'VALID' : 'UNKNOWN',
    reasons: cert ? [] : ['CERTIFICATE_NOT_FOUND'],
    agreement: cert ? 'RCEP' : 'UNKNOWN',
    auditedRead: cert && audited ? { actor: caller, certificateId: cert.id, certificateNumber: cert.certificateNumber } : undefined,
  });

  const logged = (caller: string) =>
    hub.dataSource.query(
      `SELECT caller, method, answer_scope, certificate_id, issuing_authority_code, certificate_number, verdict, reasons, verified_at FROM verifications WHERE caller = $1 ORDER BY certificate_number`,
      [caller],
    ) as Promise<Record<string, unknown>[]>;
  // This hub's count of verifications logged (ecoo_verifications_total), for one verdict and agreement.
  const counted = async (verdict: string, agreement: string): Promise<number> => {
    const metric = hub.app.get(MetricsService).registry.getSingleMetric('ecoo_verifications_total');
    const { values } = await metric!.get();
    return values.find((v) => v.labels.verdict === verdict && v.labels.agreement === agreement)?.value ?? 0;
  };
  const reads = (actor: string) =>
    hub.dataSource.query(`SELECT actor, action, entity_type, entity_id, payload FROM audit_log WHERE actor = $1 ORDER BY entity_id`, [actor]) as Promise<Record<string, unknown>[]>;

  it('entries recorded in the same turn go out as one statement: every entry, and an audit entry for each audited read, as the single path wrote them', async () => {
    const customs = `authority:JP-LOG-${randomUUID().slice(0, 8)}`;
    const anonymous = `public:${randomUUID()}`;
    const group = [entry(issued[0], customs, true), entry(issued[1], customs, true), entry(issued[2], customs, false), entry(null, anonymous, false), entry(null, anonymous, false)];
    const [valid, unknown] = [await counted('VALID', 'RCEP'), await counted('UNKNOWN', 'UNKNOWN')];
    const statements = await statementsSentBy(() => Promise.all(group.map((e) => log.record(e))));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/INSERT INTO audit_log[\s\S]*INSERT INTO verifications/);
    const rows = await logged(customs);
    expect(rows).toHaveLength(3);
    // Counted as logged, each once.
    expect([(await counted('VALID', 'RCEP')) - valid, (await counted('UNKNOWN', 'UNKNOWN')) - unknown]).toEqual([3, 2]);
    expect(rows.map((r) => r.certificate_id).sort()).toEqual(issued.map((c) => c.id).sort());
    expect(rows[0]).toMatchObject({ method: 'REFERENCE', answer_scope: 'FULL', issuing_authority_code: 'KH-MOC', verdict: 'VALID', reasons: [] });
    expect((rows[0].verified_at as Date).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(await logged(anonymous)).toEqual([
      expect.objectContaining({ certificate_id: null, certificate_number: 'NOT-HELD-1', verdict: 'UNKNOWN', reasons: ['CERTIFICATE_NOT_FOUND'] }),
      expect.objectContaining({ certificate_id: null, certificate_number: 'NOT-HELD-1', verdict: 'UNKNOWN', reasons: ['CERTIFICATE_NOT_FOUND'] }),
    ]);
    // Two audited reads, not three: the third answer was given without one.
    const entries = await reads(customs);
    expect(entries).toEqual(
      [issued[0], issued[1]]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((c) => ({ actor: customs, action: 'CERTIFICATE_READ', entity_type: 'certificate', entity_id: c.id, payload: `{"certificateNumber":"${c.certificateNumber}","via":"verification"}` })),
    );
  });

  it('when a group\'s statement fails, every entry of the group fails with it and none is stored; the next group is logged', async () => {
    const caller = `authority:JP-FAIL-${randomUUID().slice(0, 8)}`;
    // A certificate the hub does not hold breaks the foreign key: the whole statement is refused.
    const group = [entry(issued[0], caller, true), entry({ id: randomUUID(), certificateNumber: 'GONE-1' }, caller, true)];
    const before = await counted('VALID', 'RCEP');
    const outcomes = await Promise.allSettled(group.map((e) => log.record(e)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await logged(caller)).toEqual([]);
    expect(await reads(caller)).toEqual([]);
    // Nothing logged, nothing counted.
    expect(await counted('VALID', 'RCEP')).toBe(before);
    await log.record(entry(issued[1], caller, true));
    expect(await counted('VALID', 'RCEP')).toBe(before + 1);
    expect((await logged(caller)).map((r) => r.certificate_id)).toEqual([issued[1].id]);
    expect((await reads(caller)).map((r) => r.entity_id)).toEqual([issued[1].id]);
  });

  it('the reads of verifications by reference made in one turn are one statement, each answered with its own certificate', async () => {
    const queries = hub.app.get(CertificateQueriesService);
    let found: ({ certificate: { id: string }; balances: unknown[] } | null)[] = [];
    const statements = await statementsSentBy(async () => {
      found = await Promise.all([
        queries.findIssuedByReference('KH-MOC', issued[2].certificateNumber, 0),
        queries.findIssuedByReference('KH-MOC', 'KH-NOT-HELD', 0),
        queries.findIssuedByReference('KH-MOC', issued[0].certificateNumber, 0),
        // Another copy of a certificate held is another certificate: not this one.
        queries.findIssuedByReference('KH-MOC', issued[0].certificateNumber, 1),
        queries.findIssuedByReference('TH-MOC', issued[1].certificateNumber, 0),
      ]);
    });
    expect(statements).toHaveLength(1);
    expect(found.map((f) => f?.certificate.id ?? null)).toEqual([issued[2].id, null, issued[0].id, null, null]);
    expect(found[0]?.balances).toEqual([expect.objectContaining({ itemNumber: 1 })]);
  });

  it('a reference no certificate can have is not looked for, and does not fail the reads beside it', async () => {
    const queries = hub.app.get(CertificateQueriesService);
    let found: (unknown | null)[] = [];
    const statements = await statementsSentBy(async () => {
      found = await Promise.all([
        queries.findIssuedByReference('KH-MOC', 'KH\u0000NUL', 0),
        queries.findIssuedByReference('KH-MOC', issued[1].certificateNumber, 2 ** 31),
        queries.findIssuedByReference('KH-MOC', issued[1].certificateNumber, 0),
      ]);
    });
    expect(statements).toHaveLength(1);
    expect(found.map((f) => (f as { certificate: { id: string } } | null)?.certificate.id ?? null)).toEqual([null, null, issued[1].id]);
  });

  it('concurrent verifications through the API are each answered once their own entry is stored, with their audited reads', async () => {
    const before = await hub.count('verifications', `caller = 'authority:JP-CUSTOMS'`);
    const auditedBefore = await hub.count('audit_log', `actor = 'authority:JP-CUSTOMS' AND action = 'CERTIFICATE_READ'`);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        hub.request('POST', '/v1/verifications', { token: customsJp, body: { issuingAuthority: 'KH-MOC', certificateNumber: issued[i % 3].certificateNumber } }),
      ),
    );
    expect(answers.map((a) => a.body.verdict)).toEqual(Array(12).fill('VALID'));
    expect(await hub.count('verifications', `caller = 'authority:JP-CUSTOMS'`)).toBe(before + 12);
    expect(await hub.count('audit_log', `actor = 'authority:JP-CUSTOMS' AND action = 'CERTIFICATE_READ'`)).toBe(auditedBefore + 12);
  });
});
