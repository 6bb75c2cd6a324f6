import { createHash } from 'node:crypto';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { DeliverEnvelopeUseCase } from '../../src/exchange/delivery/deliver-envelope.use-case';
import { LOCAL_POLICY } from '../../src/exchange/delivery/delivery-attempts.store';
import { DeliveryRoute } from '../../src/exchange/domain/delivery-status';
import { InboundStore } from '../../src/exchange/inbound/inbound-store';
import type { ReceivedEnvelope } from '../../src/exchange/inbound/received-envelope';
import { countStatements, countedAs, roundTripsBeforeCommit, statementsOf, statementsSentBy } from '../support/sql-statements';

const oneLine = (statements: string[]) => statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 120));

// Issue 14: the SQL round trips each call sends to PostgreSQL, counted per request (counts, never
// timings). A transaction's BEGIN is a round trip; its COMMIT is counted apart.
describe('round trips per call', () => {
  let hub: TestHub;
  let issuer: string;
  let customsJp: string;
  let customsTh: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    countStatements(hub.app.getHttpServer());
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    customsTh = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    // The first use of each key and of the reference data fills this process's caches; the budgets hold after.
    const warm = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect(warm.status).toBe(201);
    expect((await hub.request('POST', `/v1/certificates/${warm.body.id}/issue`, { token: issuer })).status).toBe(200);
    expect((await hub.request('GET', `/v1/certificates/${warm.body.id}`, { token: customsJp })).status).toBe(200);
    expect((await hub.request('GET', `/v1/certificates/${warm.body.id}`, { token: customsTh })).status).toBe(404);
    const reference = { issuingAuthority: 'KH-MOC', certificateNumber: warm.body.certificateNumber };
    expect((await hub.request('POST', '/v1/verifications', { token: customsJp, body: reference })).body.verdict).toBe('VALID');
  });

  afterAll(async () => {
    await hub.close();
  });

  it('a create is one statement, its own transaction: the certificate, its event and its audit entry together, no START or COMMIT', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(), headers: countedAs('create') });
    expect(created.status).toBe(201);
    const statements = statementsOf('create');
    expect(oneLine(statements)).toEqual([expect.stringMatching(/^WITH uow_0 AS \(INSERT INTO certificate_events/)]);
    expect(roundTripsBeforeCommit(statements)).toBeLessThanOrEqual(2);
    // The key and the agreement profiles came from this process's caches.
    expect(statements.some((s) => /api_keys|agreement_profiles/.test(s))).toBe(false);
    expect(statements[0]).toMatch(/INSERT INTO audit_log/);
    expect(statements[0]).toMatch(/INSERT INTO certificates/);
    // All of it committed: the certificate, its CREATED event and its audit entry.
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'CREATED'`, [created.body.id])).toBe(1);
    expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_CREATED'`, [created.body.id])).toBe(1);
  });

  it('a create with an Idempotency-Key claims the key and stores its answer in the create\'s own transaction: no commit of its own', async () => {
    const body = cambodiaToJapan();
    const headers = { 'idempotency-key': `rt-${body.certificateNumber}` };
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers: { ...headers, ...countedAs('create-keyed') } });
    expect(created.status).toBe(201);
    const statements = statementsOf('create-keyed');
    expect(statements.filter((s) => /^\s*(COMMIT|START TRANSACTION|BEGIN)\b/i.test(s))).toEqual([expect.stringMatching(/^START TRANSACTION/), 'COMMIT']);
    expect(oneLine(statements)).toEqual([
      expect.stringMatching(/^START TRANSACTION/),
      expect.stringMatching(/ecoo_idempotency_claim/),
      expect.stringMatching(/^WITH uow_0 AS \(INSERT INTO certificate_events/),
      expect.stringMatching(/INSERT INTO idempotency_keys/),
      'COMMIT',
    ]);
    const replay = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers: { ...headers, ...countedAs('create-replayed') } });
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body]).toEqual([201, 'true', created.body]);
    // The repetition reads the stored answer under the key's lock and writes nothing.
    expect(oneLine(statementsOf('create-replayed'))).toEqual([expect.stringMatching(/^START TRANSACTION/), expect.stringMatching(/ecoo_idempotency_claim/), 'COMMIT']);
    // The issue keeps its key the same way: stored with the issue's statement, replayed after.
    const issueHeaders = { 'idempotency-key': `rt-issue-${body.certificateNumber}` };
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer, headers: { ...issueHeaders, ...countedAs('issue-keyed') } });
    expect(issued.status).toBe(200);
    expect(statementsOf('issue-keyed').filter((s) => /^\s*COMMIT\b/.test(s))).toHaveLength(1);
    const reissued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer, headers: issueHeaders });
    expect([reissued.status, reissued.headers.get('idempotent-replayed'), reissued.body]).toEqual([200, 'true', issued.body]);
  });

  it('a request whose key another transaction holds is 409 in flight (a transaction-scoped advisory lock), and runs once it is released', async () => {
    const body = cambodiaToJapan();
    const key = `rt-held-${body.certificateNumber}`;
    const lock = createHash('sha256').update(`idempotency\nauthority:KH-MOC\n${key}`).digest().readBigInt64BE(0).toString();
    const holder = hub.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [lock]);
      const held = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers: { 'idempotency-key': key } });
      expect([held.status, held.body.code]).toEqual([409, 'IDEMPOTENCY_IN_FLIGHT']);
      await holder.commitTransaction();
    } finally {
      await holder.release();
    }
    expect(await hub.count('certificates', 'certificate_number = $1', [body.certificateNumber])).toBe(0);
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers: { 'idempotency-key': key } });
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
  });

  it('an issue writes the certificate row once, with its signature, event, deliveries and audit entry in one statement', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer, headers: countedAs('issue') });
    expect(issued.status).toBe(200);
    const statements = statementsOf('issue');
    const writes = statements.filter((s) => /^\s*(WITH|INSERT|UPDATE|DELETE)\b/.test(s));
    expect(writes).toHaveLength(1);
    for (const table of ['UPDATE certificates', 'INSERT INTO certificate_events', 'INSERT INTO "deliveries"', 'INSERT INTO audit_log']) expect(writes[0]).toContain(table);
    expect(writes[0]).toMatch(/signature_cms/);
    // The recipients (partners, customs authorities served here) and the signing keys (the authority's
    // and the node's) come from this process's caches; the keys' status is a condition of the write.
    expect(statements.some((s) => /\bFROM (partners|authorities|signing_keys)\b/.test(s))).toBe(false);
    expect(writes[0]).toMatch(/ecoo_signing_keys_in_force/);
    // The certificate read without a lock, then the write, which holds only while the row is still at
    // the version read (and locks it): two round trips, no START TRANSACTION and no COMMIT.
    expect(writes[0]).toMatch(/ecoo_certificate_at_version/);
    expect(oneLine(statements)).toEqual([expect.stringMatching(/^SELECT \*, xmin::text AS ecoo_row_xmin FROM certificates WHERE id = \$1 AND issuing_authority_id IS NOT DISTINCT FROM \$2$/), expect.stringMatching(/^WITH uow_check AS/)]);
    expect(roundTripsBeforeCommit(statements)).toBeLessThanOrEqual(3);
    const [row] = await hub.dataSource.query('SELECT version, signature_cms IS NOT NULL AS signed FROM certificates WHERE id = $1', [created.body.id]);
    expect(row).toEqual({ version: 2, signed: true });
  });

  it('a batch item is one statement in its savepoint: its row written once, issued, with both changes\' events, audit entries and delivery', async () => {
    const items = [cambodiaToJapan(), cambodiaToJapan()];
    const res = await hub.request('POST', '/v1/certificates/batch', { token: issuer, body: { certificates: items }, headers: countedAs('batch') });
    expect([res.status, res.body.issued]).toEqual([200, 2]);
    const statements = oneLine(statementsOf('batch'));
    expect(statements.filter((s) => /UPDATE certificates\b/.test(s))).toEqual([]);
    const writes = statementsOf('batch').filter((s) => /INSERT INTO certificates\b/.test(s));
    expect(writes).toHaveLength(2);
    for (const write of writes) for (const part of ['INSERT INTO certificate_events', 'INSERT INTO "deliveries"', 'INSERT INTO audit_log', 'ecoo_signing_keys_in_force']) expect(write).toContain(part);
    // One read of the numbers already used, then two round trips an item: its savepoint (with the
    // release of the one before it), its statement.
    expect(statements).toEqual([
      expect.stringMatching(/^START TRANSACTION/),
      expect.stringMatching(/^SELECT certificate_number FROM certificates WHERE issuing_authority_id = \$1 AND certificate_number = ANY/),
      expect.stringMatching(/^SAVEPOINT uow_1$/),
      expect.stringMatching(/^WITH /),
      expect.stringMatching(/^RELEASE SAVEPOINT uow_1; SAVEPOINT uow_2$/),
      expect.stringMatching(/^WITH /),
      'COMMIT',
    ]);
    for (const { certificate } of res.body.results) {
      const [row] = await hub.dataSource.query('SELECT status, version, signature_cms IS NOT NULL AS signed FROM certificates WHERE id = $1', [certificate.id]);
      expect(row).toEqual({ status: 'ISSUED', version: 2, signed: true });
      const events = await hub.dataSource.query('SELECT type, from_status, to_status FROM certificate_events WHERE certificate_id = $1 ORDER BY type', [certificate.id]);
      expect(events).toEqual([
        { type: 'CREATED', from_status: null, to_status: 'DRAFT' },
        { type: 'ISSUED', from_status: 'DRAFT', to_status: 'ISSUED' },
      ]);
    }
  });

  // The issue checks the stored document's shape again: a draft changed behind the hub's back is
  // refused with every violation.
  it('checks in full at issue a draft whose document changed since its create, and refuses it', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    await hub.dataSource.query(`UPDATE certificates SET document = document || '{"stampedBy": "someone"}'::jsonb WHERE id = $1`, [created.body.id]);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    expect(issued.status).toBe(422);
    expect(issued.body.violations).toEqual([expect.objectContaining({ path: 'stampedBy', severity: 'error' })]);
    const [row] = await hub.dataSource.query('SELECT status, signature_cms IS NULL AS unsigned FROM certificates WHERE id = $1', [created.body.id]);
    expect(row).toEqual({ status: 'DRAFT', unsigned: true });
  });

  it('sends its statements with parameters as named ones, so PostgreSQL parses and plans each text once per connection', async () => {
    const runner = hub.dataSource.createQueryRunner();
    try {
      expect(await runner.query('SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
      expect(await runner.query('SELECT $1::int + 1 AS n', [2])).toEqual([{ n: 3 }]);
      const prepared = await runner.query(`SELECT name, statement FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1 AS n'`);
      expect(prepared).toEqual([{ name: expect.stringMatching(/^ecoo_/), statement: 'SELECT $1::int + 1 AS n' }]);
    } finally {
      await runner.release();
    }
  });

  it('a read by the issuer is one statement', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    const read = await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: issuer, headers: countedAs('read-issuer') });
    expect(read.status).toBe(200);
    expect(statementsOf('read-issuer')).toHaveLength(1);
    // A view never shows the canonical document or its CMS, so the read leaves those bytes where they are.
    const [statement] = statementsOf('read-issuer');
    expect([/c\."canonical_document"/.test(statement), /c\."signature_cms"/.test(statement), /c\."exporter_signature_cms"/.test(statement), /c\.\*/.test(statement)]).toEqual([false, false, true, false]);
    expect(read.body).toMatchObject({ id: created.body.id, exporterSigned: false, document: { certificateNumber: created.body.certificateNumber } });
  });

  it('a read by the importing customs is one statement: the read and its audit entry together, committed on its own', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    const read = await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: customsJp, headers: countedAs('read-customs') });
    expect(read.status).toBe(200);
    expect(read.body.certificateNumber).toBe(created.body.certificateNumber);
    const statements = statementsOf('read-customs');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^WITH audit_read AS \(SELECT .* JOIN certificates c ON c.id = q.id\), audit_entry AS \(INSERT INTO audit_log/);
    const entries = await hub.dataSource.query(`SELECT actor, payload FROM audit_log WHERE action = 'CERTIFICATE_READ' AND entity_id = $1`, [created.body.id]);
    // The payload is the canonical JSON the audit chain hashes, as every other entry's.
    expect(entries).toEqual([{ actor: 'authority:JP-CUSTOMS', payload: JSON.stringify({ certificateNumber: created.body.certificateNumber }) }]);
  });

  it('a read refused (a customs authority of another country: 404) writes no audit entry', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    const read = await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: customsTh, headers: countedAs('read-stranger') });
    expect(read.status).toBe(404);
    expect(statementsOf('read-stranger')).toHaveLength(1);
    expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [created.body.id])).toBe(0);
    // The same certificate read by its importing customs is audited, so the condition is not simply false.
    expect((await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: customsJp })).status).toBe(200);
    expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [created.body.id])).toBe(1);
  });

  it('a verification by reference reads no reference data: anchors, CRLs, profiles, authorities, API keys and the hub\'s signing keys come from the caches', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    const reference = { issuingAuthority: 'KH-MOC', certificateNumber: created.body.certificateNumber };
    const verified = await hub.request('POST', '/v1/verifications', { token: customsJp, body: reference, headers: countedAs('verify') });
    expect(verified.status).toBe(200);
    expect(verified.body.verdict).toBe('VALID');
    const statements = statementsOf('verify');
    expect(statements.filter((s) => /\b(trust_anchors|crls|agreement_profiles|authorities|api_keys|signing_keys)\b/.test(s))).toEqual([]);
    // The verification and its audited read are logged by the request in one statement, its own transaction.
    expect(statements.filter((s) => /INSERT INTO (verifications|audit_log)/.test(s))).toEqual([expect.stringMatching(/INSERT INTO audit_log[\s\S]*INSERT INTO verifications/)]);
    expect(statements[statements.length - 1]).toMatch(/INSERT INTO audit_log[\s\S]*INSERT INTO verifications/);
    expect(statements.filter((s) => /^\s*(START|BEGIN|COMMIT)\b/i.test(s))).toEqual([]);
    // The certificate and its uses (the quantities left) in one read, then the log.
    expect(statements.filter((s) => /certificate_uses/.test(s))).toEqual([expect.stringMatching(/^SELECT q\.n AS read_n, c\.\*, COALESCE\(\(SELECT json_agg[\s\S]* FROM unnest\(/)]);
    expect(statements).toHaveLength(2);
  });

  it('an issue whose signing key was revoked after this process kept it stores nothing: its write requires the key in force, and the change run again reads the key afresh', async () => {
    const own = await hub.authority('KH-INFORCE', 'KH', ['ISSUER']);
    const warm = await hub.request('POST', '/v1/certificates', { token: own, body: cambodiaToJapan() });
    expect((await hub.request('POST', `/v1/certificates/${warm.body.id}/issue`, { token: own })).status).toBe(200);
    const created = await hub.request('POST', '/v1/certificates', { token: own, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    // Revoked with the change notice's trigger off (a notice this process has not heard yet): it
    // still holds the key as ACTIVE.
    await hub.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE signing_keys SET status = 'REVOKED', revoked_at = now() WHERE authority_code = 'KH-INFORCE' AND status = 'ACTIVE'`);
    });
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: own, headers: countedAs('issue-revoked') });
    expect([issued.status, issued.body.code]).toEqual([409, 'NO_ACTIVE_SIGNING_KEY']);
    const statements = statementsOf('issue-revoked');
    // The first run wrote with the kept key and was refused; the second read the key and found none.
    expect(statements.filter((s) => /ecoo_signing_keys_in_force/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /FROM signing_keys WHERE authority_id/.test(s))).toHaveLength(1);
    const [row] = await hub.dataSource.query('SELECT status, signature_cms IS NULL AS unsigned FROM certificates WHERE id = $1', [created.body.id]);
    expect(row).toEqual({ status: 'DRAFT', unsigned: true });
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'ISSUED'`, [warm.body.id])).toBe(1);
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'ISSUED'`, [created.body.id])).toBe(0);
  });

  // The worker's local delivery of an issued certificate to customs served by this hub (the hub here
  // runs no worker: the envelope is handed over as the worker's job hands it).
  describe('the local receipt of an issued certificate', () => {
    const issueForLocalCustoms = async (): Promise<{ id: string; envelope: ReceivedEnvelope; delivery: { deliveryId: string; generation: number } }> => {
      const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
      expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
      const [delivery] = await hub.dataSource.query(`SELECT id, generation, envelope FROM deliveries WHERE certificate_id = $1 AND route = 'LOCAL'`, [created.body.id]);
      return { id: created.body.id, envelope: delivery.envelope as ReceivedEnvelope, delivery: { deliveryId: delivery.id, generation: delivery.generation } };
    };

    // Until `n` statements of this database wait on a row lock (polled: the condition, never a clock).
    const waitForLockWaiters = async (n: number): Promise<void> => {
      for (let i = 0; i < 1000; i++) {
        const [row] = await hub.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (row.n >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`${n} statements never waited on a row lock`);
    };

    // The first receipt fills this process's cache of the authorities it serves (the recipient's).
    beforeAll(async () => {
      const { envelope } = await issueForLocalCustoms();
      expect((await hub.app.get(InboundStore).recordLocal(envelope, new Date())).status).toBe('DELIVERED');
    });

    it('writes its importStatus, event and audit entry in one statement committed on its own: no read before, no START, no COMMIT', async () => {
      const { id, envelope } = await issueForLocalCustoms();
      const store = hub.app.get(InboundStore);
      let status: string | undefined;
      const statements = await statementsSentBy(async () => void (status = (await store.recordLocal(envelope, new Date())).status));
      expect(status).toBe('DELIVERED');
      expect(oneLine(statements)).toEqual([expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS \( SELECT \* FROM unnest/)]);
      for (const part of ['FOR UPDATE OF c', 'UPDATE certificates c SET import_status', 'INSERT INTO certificate_events', 'INSERT INTO audit_log']) expect(statements[0]).toContain(part);
      expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED' AND data->>'route' = 'LOCAL' AND to_status = 'ISSUED' AND from_status IS NULL AND actor = 'hub'`, [id])).toBe(1);
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED' AND entity_type = 'certificate'`, [id])).toBe(1);

      // The same envelope again (a job run twice): the statement finds it received, and writes nothing.
      const again = await statementsSentBy(() => store.recordLocal(envelope, new Date()));
      expect(oneLine(again)).toEqual([expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS/)]);
      expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED'`, [id])).toBe(1);
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED'`, [id])).toBe(1);
    });

    it('receives the certificates of concurrent deliveries in one statement, each once', async () => {
      const issued = [await issueForLocalCustoms(), await issueForLocalCustoms(), await issueForLocalCustoms()];
      const store = hub.app.get(InboundStore);
      let statuses: string[] = [];
      const statements = await statementsSentBy(async () => {
        statuses = (await Promise.all(issued.map(({ envelope }) => store.recordLocal(envelope, new Date())))).map((ack) => ack.status);
      });
      expect(statuses).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
      expect(oneLine(statements)).toEqual([expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS/)]);
      for (const { id } of issued) {
        expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
        expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED'`, [id])).toBe(1);
        expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED'`, [id])).toBe(1);
      }
      // Each entry's details, as the hub writes details everywhere: canonical JSON of the certificate, envelope and route.
      const [entry] = await hub.dataSource.query(`SELECT payload FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_RECEIVED'`, [issued[0].id]);
      const [certificate] = await hub.dataSource.query('SELECT certificate_number FROM certificates WHERE id = $1', [issued[0].id]);
      expect(entry.payload).toBe(JSON.stringify({ certificate: `KH-MOC ${certificate.certificate_number}`, envelopeId: issued[0].envelope.envelopeId, route: 'LOCAL' }));
    });

    it('is received once when runs of one delivery race: one receipt, one event, one audit entry', async () => {
      const { id, envelope } = await issueForLocalCustoms();
      const store = hub.app.get(InboundStore);
      const acks = await Promise.all(Array.from({ length: 4 }, () => store.recordLocal(envelope, new Date())));
      expect(acks.map((ack) => ack.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED']);
      expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED'`, [id])).toBe(1);
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED'`, [id])).toBe(1);
    });

    it('is received once when two groups race for it on two connections: the second waits for the first row lock, then finds it received', async () => {
      const { id, envelope } = await issueForLocalCustoms();
      const store = hub.app.get(InboundStore);
      // Held locked by another transaction, so the first group waits on it while the second is sent.
      const runner = hub.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query('SELECT 1 FROM certificates WHERE id = $1 FOR UPDATE', [id]);
      const first = store.recordLocal(envelope, new Date());
      await waitForLockWaiters(1);
      const second = store.recordLocal(envelope, new Date());
      await waitForLockWaiters(2);
      await runner.commitTransaction();
      await runner.release();
      expect((await Promise.all([first, second])).map((ack) => ack.status)).toEqual(['DELIVERED', 'DELIVERED']);
      expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED'`, [id])).toBe(1);
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED'`, [id])).toBe(1);
    });

    it("a job of the local queue is three statements: its begin, which joins no partner, the receipt, and the acknowledgement", async () => {
      const { id, delivery } = await issueForLocalCustoms();
      const deliver = hub.app.get(DeliverEnvelopeUseCase);
      let outcome: string | undefined;
      const statements = await statementsSentBy(async () => void ({ outcome } = await deliver.execute(delivery, DeliveryRoute.LOCAL)));
      expect(outcome).toBe('DELIVERED');
      expect(oneLine(statements)).toEqual([
        expect.stringMatching(/^\/\* planned per call \*\/ WITH due AS \( SELECT d\.id, j\.started_at FROM unnest/),
        expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS \( SELECT \* FROM unnest\(\$1::text\[\]/),
        expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS \( SELECT \* FROM unnest\(\$1::uuid\[\]/),
      ]);
      expect(statements[0]).not.toMatch(/partners|partner_circuits/);
      const [row] = await hub.dataSource.query(`SELECT d.status, d.attempts, array_agg(a.outcome) AS outcomes FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.id = $1 GROUP BY d.id`, [delivery.deliveryId]);
      expect(row).toEqual({ status: 'DELIVERED', attempts: 1, outcomes: ['ACKNOWLEDGED'] });
      expect(await hub.dataSource.query('SELECT import_status FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED' }]);

      // The job run again: the statement counts nothing, and the locked path finds it settled.
      expect(await deliver.execute(delivery, DeliveryRoute.LOCAL)).toEqual({ outcome: 'skipped: the delivery is DELIVERED' });
      expect(await hub.count('delivery_attempts', 'delivery_id = $1', [delivery.deliveryId])).toBe(1);
    });

    it('a job of the local queue whose delivery spent its budget is left to the locked path, which gives it up', async () => {
      const { delivery } = await issueForLocalCustoms();
      await hub.dataSource.query(`UPDATE deliveries SET attempts = $2 WHERE id = $1`, [delivery.deliveryId, LOCAL_POLICY.maxAttempts]);
      const { outcome } = await hub.app.get(DeliverEnvelopeUseCase).execute(delivery, DeliveryRoute.LOCAL);
      expect(outcome).toBe('FAILED');
      expect(await hub.count('delivery_attempts', 'delivery_id = $1', [delivery.deliveryId])).toBe(0);
    });

    it('receives nothing for a certificate not held here, and the others of its group all the same', async () => {
      const { id, envelope } = await issueForLocalCustoms();
      const unknown = { ...envelope, refersTo: { ...envelope.refersTo, certificate: { ...envelope.refersTo.certificate, certificateNumber: 'NO-SUCH-NUMBER' } } };
      const store = hub.app.get(InboundStore);
      const before = { events: await hub.count('certificate_events', `type = 'RECEIVED'`), entries: await hub.count('audit_log', `action = 'CERTIFICATE_RECEIVED'`) };
      const statements = await statementsSentBy(async () => {
        const acks = await Promise.all([store.recordLocal(unknown, new Date()), store.recordLocal(envelope, new Date())]);
        expect(acks.map((ack) => ack.status)).toEqual(['DELIVERED', 'DELIVERED']);
      });
      expect(oneLine(statements)).toEqual([expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS/)]);
      expect(await hub.dataSource.query('SELECT import_status, version FROM certificates WHERE id = $1', [id])).toEqual([{ import_status: 'RECEIVED', version: 3 }]);
      // The known one's event and entry, and nothing for the unknown one.
      expect(await hub.count('certificate_events', `type = 'RECEIVED'`)).toBe(before.events + 1);
      expect(await hub.count('audit_log', `action = 'CERTIFICATE_RECEIVED'`)).toBe(before.entries + 1);
    });
  });
});
