import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { countStatements, countedAs, roundTripsBeforeCommit, statementsOf } from '../support/sql-statements';

// Issue 14: the SQL round trips each call sends to PostgreSQL, counted per request (never timed).
describe('round trips per call', () => {
  let hub: TestHub;
  let issuer: string;
  let customsJp: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    countStatements(hub.app.getHttpServer());
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    // The first use of a key and of the reference data fills the process's caches; the budgets hold after.
    const warm = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    await hub.request('POST', `/v1/certificates/${warm.body.id}/issue`, { token: issuer });
    await hub.request('GET', `/v1/certificates/${warm.body.id}`, { token: customsJp });
    await hub.request('POST', '/v1/verifications', { token: customsJp, body: { issuingAuthority: 'KH-MOC', certificateNumber: warm.body.certificateNumber } });
  });

  afterAll(async () => {
    await hub.close();
  });

  it('measures', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(), headers: countedAs('create') });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer, headers: countedAs('issue') });
    expect(issued.status).toBe(200);
    await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: issuer, headers: countedAs('read-issuer') });
    await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: customsJp, headers: countedAs('read-customs') });
    await hub.request('POST', '/v1/verifications', { token: customsJp, body: { issuingAuthority: 'KH-MOC', certificateNumber: created.body.certificateNumber }, headers: countedAs('verify') });
    for (const label of ['create', 'issue', 'read-issuer', 'read-customs', 'verify']) {
      const s = statementsOf(label);
      process.stdout.write(`\n=== ${label}: ${roundTripsBeforeCommit(s)} + commit?\n${s.map((x) => '  ' + x.replace(/\s+/g, ' ').slice(0, 160)).join('\n')}\n`);
    }
  });
});
