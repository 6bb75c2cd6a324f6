import { execFileSync } from 'node:child_process';
import { cambodiaToJapan } from '../fixtures/certificates';
import { LaunchedHub } from '../support/hub-launcher';
import { TestHub } from '../support/hub';

// Issue 14: `npm start` runs the API in HUB_API_PROCESSES processes beside one worker process.
describe('npm start: several API processes and a worker', () => {
  let hub: LaunchedHub;
  let local: TestHub;

  beforeAll(async () => {
    // The spec's own hub registers the callers; the launched one shares its database.
    local = await TestHub.start({ withWorkers: false });
    // Without a configured key file (the run's shared one unset): the processes share a stored development key.
    hub = await LaunchedHub.start({ HUB_API_PROCESSES: '2', HUB_DB_CONNECTIONS: '9', HUB_NODE_KEY_FILE: undefined, HUB_NODE_CERT_FILE: undefined });
  });

  afterAll(async () => {
    await hub?.stop();
    await local?.close();
  });

  const childrenOf = (pid: number): number[] =>
    execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);

  it('starts two API processes and a worker process under one primary', () => {
    expect(childrenOf(hub.pid as number)).toHaveLength(3);
  });

  it('answers /live without touching anything, beside /health', async () => {
    const live = await fetch(`${hub.baseUrl}/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
  });

  it('signs with one node key across its processes, and issues through them', async () => {
    const issuer = await local.authority('KH-PROC', 'KH', ['ISSUER']);
    for (let i = 0; i < 4; i++) {
      const created = await fetch(`${hub.baseUrl}/v1/certificates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issuer}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(cambodiaToJapan()),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const issued = await fetch(`${hub.baseUrl}/v1/certificates/${id}/issue`, { method: 'POST', headers: { authorization: `Bearer ${issuer}`, connection: 'close' } });
      expect(issued.status).toBe(200);
    }
    expect(await local.count('signing_keys', `owner_type = 'NODE' AND status = 'ACTIVE'`)).toBe(1);
  });

  it('reports the metrics of every process on /metrics', async () => {
    const read = async () => {
      const text = await fetch(`${hub.baseUrl}/metrics`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } }).then((r) => r.text());
      const lines = text.split('\n').filter((l) => l.startsWith('ecoo_http_request_duration_seconds_count{') && l.includes('route="/live"'));
      return lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    };
    // A request is counted as its response finishes, so the client may hear the answer first: the
    // count before is taken once it has settled (the earlier specs' /live included), and the count
    // after once the ten have all been counted.
    let before = await read();
    for (let settled = false; !settled; ) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await read();
      settled = again === before;
      before = again;
    }
    // The primary hands connections to the API processes in turn: these reach both.
    for (let i = 0; i < 10; i++) expect((await fetch(`${hub.baseUrl}/live`, { headers: { connection: 'close' } })).status).toBe(200);
    let after = await read();
    while (after - before < 10) {
      await new Promise((r) => setTimeout(r, 50));
      after = await read();
    }
    expect(after - before).toBe(10);
  });

  it('reports hub-wide gauges once on /metrics, not summed over its processes', async () => {
    // Every process reads the same hub-wide counts from PostgreSQL: the aggregated figure is one of
    // them, never their sum. Each process keeps what it read for 30 seconds: the first scrape
    // (reports the metrics..., above) came after the four certificates of the issuing case.
    const text = await fetch(`${hub.baseUrl}/metrics`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } }).then((r) => r.text());
    const issued = text.split('\n').find((l) => l.startsWith('ecoo_certificates{') && l.includes('status="ISSUED"'));
    expect(issued).toBeDefined();
    expect(Number(issued!.split(' ').pop())).toBe(await local.count('certificates', `status = 'ISSUED'`));
    // Whether change notices are heard is each process's own: the aggregate is 1 only when every process hears them.
    const listening = text.split('\n').find((l) => l.startsWith('ecoo_change_notices_listening '));
    expect(listening).toBe('ecoo_change_notices_listening 1');
  });

  it('counts the verifications of every process on /metrics, summed', async () => {
    const issuer = await local.authority('KH-PROC2', 'KH', ['ISSUER']);
    const customs = await local.authority('JP-PROC', 'JP', ['CUSTOMS']);
    const call = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${hub.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, connection: 'close', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const created = (await (await call('POST', '/v1/certificates', issuer, cambodiaToJapan())).json()) as { id: string; certificateNumber: string };
    expect((await call('POST', `/v1/certificates/${created.id}/issue`, issuer)).status).toBe(200);
    // Each verification on a connection of its own: the primary hands them to both API processes.
    for (let i = 0; i < 4; i++) expect((await call('POST', '/v1/verifications', customs, { issuingAuthority: 'KH-PROC2', certificateNumber: created.certificateNumber })).status).toBe(200);
    const text = await fetch(`${hub.baseUrl}/metrics`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } }).then((r) => r.text());
    const counted = text
      .split('\n')
      .filter((l) => l.startsWith('ecoo_verifications_total{'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    // Counted once committed, before the answer: all four, once each.
    expect(counted).toBe(4);
    expect(await local.count('verifications', 'caller = $1', ['authority:JP-PROC'])).toBe(4);
  });

  it('stops every process on SIGTERM', async () => {
    const children = childrenOf(hub.pid as number);
    expect(await hub.stop()).toBe(0);
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('npm start in trial mode', () => {
  it('refuses more than one API process', async () => {
    const trial = await LaunchedHub.start({ HUB_MODE: 'trial', HUB_API_PROCESSES: '2', HUB_DATA_DIR: '/nonexistent/never-created' }, false);
    expect(await trial.exited).toBe(1);
    expect(trial.log).toContain('HUB_MODE=trial runs in one process');
  });
});
