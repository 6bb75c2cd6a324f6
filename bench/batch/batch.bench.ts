// Batch issuance benchmark, run by hand (never in CI):
//   bash bench/batch/run.sh [--rounds 3] [--seconds 10] [--clients 10] [--batch-clients 2] [--size 100]
//
// Issue 14 asks for issuance "through the single endpoints with enough clients, and through the batch
// endpoint". Starts the built hub (API and worker in one process, LOG_LEVEL=info, signing real with a
// 2048-bit development key) on a database of its own, with Japan's customs registered on it, so every
// issued certificate causes a local delivery for the worker. Each round measures, in alternating order:
//   - single: `clients` clients each looping POST /v1/certificates then POST /v1/certificates/{id}/issue;
//   - batch: `batch-clients` clients each looping POST /v1/certificates/batch with `size` certificates.
// A certificate counts once its issue answered (200, or ISSUED in the batch's results): created,
// issued, and its CMS signature stored in the issuing transaction. After each window it reports the
// worker's backlog (deliveries still PENDING) and the time the worker took to drain it, before the
// next window starts. Prints certificates per second for both, and the median ratio batch : single.
import { Client } from 'pg';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { LoadResult, argument, format, median, runLoad } from '../support/load';

interface Window {
  result: LoadResult;
  certificatesPerSecond: number;
  backlog: number;
  drainSeconds: number;
}

async function prepare(hub: HubProcess): Promise<string> {
  for (const authority of [
    { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] },
    { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] },
  ]) {
    const registered = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, authority);
    if (registered.status !== 201) throw new Error(`could not register ${authority.code}: ${registered.status}`);
  }
  const dev = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
  if (dev.status !== 200) throw new Error(`could not make a development signing key: ${dev.status}`);
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`could not create an API key: ${key.status}`);
  return key.body.key;
}

async function issueOnce(hub: HubProcess, token: string): Promise<boolean> {
  const created = await hub.json<{ id: string }>('POST', '/v1/certificates', token, cambodiaToJapan());
  if (created.status !== 201) return false;
  return (await hub.json('POST', `/v1/certificates/${created.body.id}/issue`, token)).status === 200;
}

/** One batch; true when every certificate of it was issued. */
async function issueBatch(hub: HubProcess, token: string, size: number): Promise<boolean> {
  const res = await hub.json<{ issued: number }>('POST', '/v1/certificates/batch', token, { certificates: Array.from({ length: size }, () => cambodiaToJapan()) });
  return res.status === 200 && res.body.issued === size;
}

/** Deliveries the worker has yet to make, and how long it takes to make them all. */
async function drain(database: Client): Promise<{ backlog: number; drainSeconds: number }> {
  const pending = async () => Number((await database.query("SELECT count(*) AS n FROM deliveries WHERE status = 'PENDING'")).rows[0].n);
  const backlog = await pending();
  const started = performance.now();
  const deadline = started + 300_000;
  while ((await pending()) > 0) {
    if (performance.now() > deadline) throw new Error('the worker did not drain its backlog within 5 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { backlog, drainSeconds: (performance.now() - started) / 1000 };
}

async function measure(database: Client, certificatesPerOperation: number, load: () => Promise<LoadResult>): Promise<Window> {
  const result = await load();
  return { result, certificatesPerSecond: result.perSecond * certificatesPerOperation, ...(await drain(database)) };
}

function report(name: string, window: Window): string {
  return `  ${format(window.result)}\n    ${name}: ${window.certificatesPerSecond.toFixed(1)} certificates/s; worker backlog at the end ${window.backlog}, drained in ${window.drainSeconds.toFixed(1)} s`;
}

async function main(): Promise<void> {
  const rounds = argument('--rounds', 3);
  const seconds = argument('--seconds', 10);
  const clients = argument('--clients', 10);
  const batchClients = argument('--batch-clients', 2);
  const size = argument('--size', 100);
  if (size > 500) throw new Error('--size: a batch takes at most 500 certificates');
  const hub = await HubProcess.start({ LOG_LEVEL: 'info' });
  const database = new Client({ connectionString: hub.databaseUrl ?? undefined });
  await database.connect();
  try {
    const token = await prepare(hub);
    if (!(await issueOnce(hub, token)) || !(await issueBatch(hub, token, 2))) throw new Error('certificates could not be issued: check the hub log above');
    await drain(database);
    console.log(`batch issuance benchmark: single ${clients} clients, batch ${batchClients} clients x ${size} certificates, ${seconds}s per window, ${rounds} alternating rounds, node ${process.version}\n`);
    const singles: Window[] = [];
    const batches: Window[] = [];
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const single = () => measure(database, 1, () => runLoad('create+issue', clients, seconds, () => issueOnce(hub, token)));
      const batch = () => measure(database, size, () => runLoad(`batch of ${size}`, batchClients, seconds, () => issueBatch(hub, token, size)));
      let one: Window;
      let many: Window;
      if (round % 2 === 1) {
        one = await single();
        many = await batch();
      } else {
        many = await batch();
        one = await single();
      }
      singles.push(one);
      batches.push(many);
      ratios.push(many.certificatesPerSecond / one.certificatesPerSecond);
      console.log(`round ${round}\n${report('single endpoints', one)}\n${report('batch endpoint', many)}\n  ratio batch/single ${ratios.at(-1)!.toFixed(3)}`);
    }
    const perSecond = (windows: Window[]) => median(windows.map((w) => w.certificatesPerSecond)).toFixed(1);
    console.log(`\nmedian: single ${perSecond(singles)} certificates/s (p99 ${median(singles.map((w) => w.result.p99Ms)).toFixed(1)} ms), batch ${perSecond(batches)} certificates/s (p99 of a batch ${median(batches.map((w) => w.result.p99Ms)).toFixed(1)} ms), ratio batch/single ${median(ratios).toFixed(3)}`);
  } finally {
    await database.end();
    await hub.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
