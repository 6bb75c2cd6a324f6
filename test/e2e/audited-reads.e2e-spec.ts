import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { statementsSentBy } from '../support/sql-statements';
import { CertificateQueriesService } from '../../src/certificates/certificate-queries.service';
import { AuthorityRole } from '../../src/core/auth/authority-role';
import { AuthorityPrincipal, PrincipalKind } from '../../src/core/auth/principal';

// Issue 14: the audited reads of concurrent callers of one kind go out in one statement, each row
// judged with its own caller's values, each entry appended exactly where its own read is audited.
describe('audited reads in groups', () => {
  let hub: TestHub;
  let queries: CertificateQueriesService;
  let japan: AuthorityPrincipal;
  let japanPorts: AuthorityPrincipal;
  let thailand: AuthorityPrincipal;
  let cambodiaBoth: AuthorityPrincipal;
  let cambodiaMoc: AuthorityPrincipal;
  const issuedByMoc: { id: string; certificateNumber: string }[] = [];
  let issuedByBoth: { id: string; certificateNumber: string };

  const principalOf = async (code: string): Promise<AuthorityPrincipal> => {
    const [row] = await hub.dataSource.query(`SELECT id, country, roles FROM authorities WHERE code = $1`, [code]);
    return { kind: PrincipalKind.AUTHORITY, authorityId: row.id, code, country: row.country, roles: row.roles as AuthorityRole[], apiKeyId: `test-${code}` };
  };
  const issue = async (token: string) => {
    const created = await hub.request('POST', '/v1/certificates', { token, body: cambodiaToJapan() });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token })).status).toBe(200);
    return { id: created.body.id as string, certificateNumber: created.body.certificateNumber as string };
  };
  const readsOf = (id: string) =>
    hub.dataSource.query(`SELECT actor, payload FROM audit_log WHERE action = 'CERTIFICATE_READ' AND entity_id = $1 ORDER BY actor`, [id]) as Promise<{ actor: string; payload: string }[]>;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    queries = hub.app.get(CertificateQueriesService);
    const moc = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    // An authority that both issues and clears: its reads of its own certificates are never audited.
    const both = await hub.authority('KH-BOTH', 'KH', ['ISSUER', 'CUSTOMS']);
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await hub.authority('JP-PORTS', 'JP', ['CUSTOMS']);
    await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    [japan, japanPorts, thailand, cambodiaBoth, cambodiaMoc] = await Promise.all(['JP-CUSTOMS', 'JP-PORTS', 'TH-CUSTOMS', 'KH-BOTH', 'KH-MOC'].map(principalOf));
    for (let i = 0; i < 2; i++) issuedByMoc.push(await issue(moc));
    issuedByBoth = await issue(both);
  });

  afterAll(async () => {
    await hub.close();
  });

  it('reads made in one turn by customs authorities go out as one statement, each audited by its own caller\'s condition', async () => {
    const [a, b] = issuedByMoc;
    const reads = [
      { principal: japan, id: a.id },
      { principal: japanPorts, id: a.id },
      { principal: japan, id: b.id },
      // Not the importing country: refused, no entry.
      { principal: thailand, id: b.id },
      // Its own certificate: seen, never audited.
      { principal: cambodiaBoth, id: issuedByBoth.id },
      // A certificate the importing customs may see, read by another that may not.
      { principal: thailand, id: issuedByBoth.id },
    ];
    let outcomes: PromiseSettledResult<{ id: string }>[] = [];
    const statements = await statementsSentBy(async () => {
      outcomes = await Promise.allSettled(reads.map((read) => queries.openForRead(read.principal, read.id)));
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^WITH audit_read AS \(SELECT .* FROM unnest\(.*JOIN certificates c ON c\.id = q\.id\), audit_entry AS \(INSERT INTO audit_log/);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.id : (o.reason as { code?: string }).code))).toEqual([a.id, a.id, b.id, 'CERTIFICATE_NOT_FOUND', issuedByBoth.id, 'CERTIFICATE_NOT_FOUND']);
    // One entry per caller that read: two callers of one certificate each have theirs.
    expect(await readsOf(a.id)).toEqual([
      { actor: 'authority:JP-CUSTOMS', payload: JSON.stringify({ certificateNumber: a.certificateNumber }) },
      { actor: 'authority:JP-PORTS', payload: JSON.stringify({ certificateNumber: a.certificateNumber }) },
    ]);
    expect(await readsOf(b.id)).toEqual([{ actor: 'authority:JP-CUSTOMS', payload: JSON.stringify({ certificateNumber: b.certificateNumber }) }]);
    expect(await readsOf(issuedByBoth.id)).toEqual([]);
  });

  it('reads by the operator in one turn are one statement too, every one audited', async () => {
    const [a, b] = issuedByMoc;
    const operator = { kind: PrincipalKind.OPERATOR } as const;
    const before = { a: (await readsOf(a.id)).filter((r) => r.actor === 'operator').length, b: (await readsOf(b.id)).filter((r) => r.actor === 'operator').length };
    let seen: { id: string }[] = [];
    const statements = await statementsSentBy(async () => {
      seen = await Promise.all([queries.openForRead(operator, a.id), queries.openForRead(operator, b.id), queries.openForRead(operator, issuedByBoth.id)]);
    });
    expect(statements).toHaveLength(1);
    expect(seen.map((c) => c.id)).toEqual([a.id, b.id, issuedByBoth.id]);
    expect((await readsOf(a.id)).filter((r) => r.actor === 'operator').length).toBe(before.a + 1);
    expect((await readsOf(b.id)).filter((r) => r.actor === 'operator').length).toBe(before.b + 1);
    expect((await readsOf(issuedByBoth.id)).map((r) => r.actor)).toEqual(['operator']);
  });

  it('reads by issuers that are not customs, whose reads no entry records, are one plain SELECT', async () => {
    const [a, b] = issuedByMoc;
    let outcomes: PromiseSettledResult<{ id: string }>[] = [];
    const statements = await statementsSentBy(async () => {
      outcomes = await Promise.allSettled([queries.openForRead(cambodiaMoc, a.id), queries.openForRead(cambodiaMoc, b.id), queries.openForRead(cambodiaMoc, issuedByBoth.id)]);
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^SELECT q\.n AS read_n, .* FROM unnest\(/);
    expect(statements[0]).not.toMatch(/INSERT/);
    // Another issuer's certificate is not seen.
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.id : (o.reason as { code?: string }).code))).toEqual([a.id, b.id, 'CERTIFICATE_NOT_FOUND']);
    expect(await hub.count('audit_log', `actor = 'authority:KH-MOC' AND action = 'CERTIFICATE_READ'`)).toBe(0);
  });

  it('a read by an id that is no UUID is not found and leaves the rest of its group answered', async () => {
    const [a] = issuedByMoc;
    const before = (await readsOf(a.id)).length;
    const outcomes = await Promise.allSettled([queries.openForRead(japan, 'not-a-uuid'), queries.openForRead(japan, a.id)]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ code: 'CERTIFICATE_NOT_FOUND' }) });
    expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: expect.objectContaining({ id: a.id }) });
    expect((await readsOf(a.id)).length).toBe(before + 1);
  });

  it('while an audited group commits, the reads made meanwhile gather into the next statement, not one each', async () => {
    const [a, b] = issuedByMoc;
    const before = (await readsOf(a.id)).length + (await readsOf(b.id)).length;
    // The groups' entries wait for this lock, so none is answered before every read below was made.
    const holder = hub.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE audit_log IN SHARE MODE');
    const auditedGroups = (statements: string[]) => statements.filter((text) => text.startsWith('WITH audit_read AS')).length;
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    let outcomes: PromiseSettledResult<{ id: string }>[] = [];
    const statements = await statementsSentBy(async () => {
      // A read and a turn of the event loop: its group goes out. Then one more and a turn (its group
      // goes out beside the first or waits), then three more.
      const first = queries.openForRead(japan, a.id);
      await turn();
      const second = queries.openForRead(japanPorts, a.id);
      await turn();
      const rest = [b, a, b].map((certificate) => queries.openForRead(japan, certificate.id));
      await holder.commitTransaction();
      outcomes = await Promise.allSettled([first, second, ...rest]);
    });
    await holder.release();
    // Two in flight would have sent the second read alone, the three after it in a third statement.
    expect(auditedGroups(statements)).toBe(2);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.id : o.reason))).toEqual([a.id, a.id, b.id, a.id, b.id]);
    expect((await readsOf(a.id)).length + (await readsOf(b.id)).length).toBe(before + 5);
  });

  it('concurrent GETs through the API by the importing customs are each answered with their own entry', async () => {
    const token = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const [a, b] = issuedByMoc;
    const before = { a: (await readsOf(a.id)).length, b: (await readsOf(b.id)).length };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => hub.request('GET', `/v1/certificates/${(i % 2 ? b : a).id}`, { token })));
    expect(answers.map((r) => [r.status, r.body.certificateNumber])).toEqual(Array.from({ length: 10 }, (_, i) => [200, (i % 2 ? b : a).certificateNumber]));
    expect((await readsOf(a.id)).length).toBe(before.a + 5);
    expect((await readsOf(b.id)).length).toBe(before.b + 5);
  });
});
