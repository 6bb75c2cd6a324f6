import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { CheckedDrafts } from '../../src/certificates/checked-drafts';
import { DatasetService } from '../../src/dataset/dataset.service';

// Issue 14: a draft this process stored after checking its document's shape, read back by its issue at
// the row version it wrote, is issued after the rules alone (CheckedDrafts); any other draft is checked
// in full. The spies count calls of the real methods, which still run.
describe('an issue of a draft this process checked and stored', () => {
  let hub: TestHub;
  let issuer: string;
  let customs: string;
  let dataset: DatasetService;
  let full: jest.SpyInstance;
  let rulesOnly: jest.SpyInstance;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    dataset = hub.app.get(DatasetService);
    full = jest.spyOn(dataset, 'validateDocument');
    rulesOnly = jest.spyOn(dataset, 'validateCheckedDocument');
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await hub.close();
  });

  /** A DRAFT created by this process; the spies count from after its create (which checks it in full). */
  async function draft(body = cambodiaToJapan()): Promise<{ id: string; certificateNumber: string }> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body });
    expect(created.status).toBe(201);
    full.mockClear();
    rulesOnly.mockClear();
    return created.body;
  }

  /** What an issue answered, without what differs between two certificates of the same content (the fixture numbers each). */
  function content(issued: { document: Record<string, unknown>; warnings: unknown; versions: unknown; status: string; expiresAt: string; issueDateTime: string }) {
    const { certificateNumber: _number, ucr: _ucr, issueDateTime: _at, ...document } = issued.document;
    const validity = new Date(issued.expiresAt).getTime() - new Date(issued.issueDateTime).getTime();
    return { document, warnings: issued.warnings, versions: issued.versions, status: issued.status, validity };
  }

  it('runs the rules without checking the shape again, and answers as the full check does', async () => {
    const remembered = await draft();
    const issued = await hub.request('POST', `/v1/certificates/${remembered.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    expect([full.mock.calls.length, rulesOnly.mock.calls.length]).toEqual([0, 1]);
    expect(rulesOnly.mock.calls[0][0]).toMatchObject({ certificateNumber: remembered.certificateNumber });

    // The same content under another number, forgotten before its issue (as when another process
    // stored it): checked in full.
    const forgotten = await draft(cambodiaToJapan());
    hub.app.get(CheckedDrafts).forget(forgotten.id);
    const checkedInFull = await hub.request('POST', `/v1/certificates/${forgotten.id}/issue`, { token: issuer });
    expect(checkedInFull.status).toBe(200);
    expect([full.mock.calls.length, rulesOnly.mock.calls.length]).toEqual([1, 0]);

    expect(content(issued.body)).toEqual(content(checkedInFull.body));
    for (const certificate of [remembered, forgotten]) {
      const verified = await hub.request('POST', '/v1/verifications', { token: customs, body: { issuingAuthority: 'KH-MOC', certificateNumber: certificate.certificateNumber } });
      expect(verified.body.verdict).toBe('VALID');
    }
  });

  it('a PUT stores its checked content at a new version: the issue runs the rules alone on that content', async () => {
    const created = await draft();
    const updated = await hub.request('PUT', `/v1/certificates/${created.id}`, { token: issuer, body: cambodiaToJapan({ certificateNumber: created.certificateNumber, remarks: 'Corrected marks' }) });
    expect(updated.status).toBe(200);
    full.mockClear();
    rulesOnly.mockClear();
    const issued = await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    expect(issued.body.document.remarks).toBe('Corrected marks');
    expect([full.mock.calls.length, rulesOnly.mock.calls.length]).toEqual([0, 1]);
    expect(rulesOnly.mock.calls[0][0]).toMatchObject({ remarks: 'Corrected marks' });
  });

  it('a create under an Idempotency-Key is remembered too, and its replay adds nothing', async () => {
    const body = cambodiaToJapan();
    const headers = { 'idempotency-key': `checked-${body.certificateNumber}` };
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers });
    const replayed = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers });
    expect([created.status, replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    full.mockClear();
    rulesOnly.mockClear();
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
    expect([full.mock.calls.length, rulesOnly.mock.calls.length]).toEqual([0, 1]);
  });

  it.each([
    ['with its version raised, as another process of the hub would', 'version = version + 1'],
    ['by hand, its version untouched', 'version = version'],
  ])('checks in full a draft changed in the database since it was stored (%s): a shape that fails is refused, and nothing is issued', async (_how, version) => {
    const created = await draft();
    await hub.dataSource.query(`UPDATE certificates SET document = document || '{"colour": "red"}'::jsonb, ${version} WHERE id = $1`, [created.id]);
    const refused = await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token: issuer });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.violations.map((v: { path: string }) => v.path)).toContain('colour');
    expect([full.mock.calls.length, rulesOnly.mock.calls.length]).toEqual([1, 0]);
    const [row] = await hub.dataSource.query('SELECT status, signature_cms FROM certificates WHERE id = $1', [created.id]);
    expect(row).toEqual({ status: 'DRAFT', signature_cms: null });
  });

  it('forgets a draft once it is issued', async () => {
    const created = await draft();
    const [stored] = await hub.dataSource.query('SELECT xmin::text AS xmin FROM certificates WHERE id = $1', [created.id]);
    expect(hub.app.get(CheckedDrafts).unchanged(created.id, stored.xmin)).toBe(true);
    expect((await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token: issuer })).status).toBe(200);
    expect(hub.app.get(CheckedDrafts).unchanged(created.id, stored.xmin)).toBe(false);
  });
});
