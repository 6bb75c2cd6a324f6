// Issuance through the batch endpoint (issue 14: the figure "through the single endpoints with enough
// clients, and through the batch endpoint"): certificates created, issued and signed per second by
// `batch-clients` clients each looping POST /v1/certificates/batch with `size` certificates, against
// `clients` clients looping POST /v1/certificates then POST /v1/certificates/{id}/issue in the same
// round, alternating which goes first. A certificate counts once it is issued (ISSUED in the batch's
// results, or 200 from the single issue): created, issued, and its CMS signature stored in the issuing
// transaction. The built hub runs API and worker in one process on a database of its own; the issuer
// holds an ACTIVE development key, and Japan's customs are served by the hub, so every certificate
// causes a local delivery: after each window the worker's backlog (deliveries still PENDING) and the
// time it takes to drain it are reported, before the next window starts.
import { Client } from 'pg';
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { benchCertificate, issueOnce, prepareIssuer } from '../support/issuing';
import { LoadResult, runLoad } from '../support/load';
import { Scenario, alternate } from '../support/scenario';

interface Window {
  load: LoadResult;
  certificatesPerSecond: number;
  backlog: number;
  drainSeconds: number;
}

/** One batch; true when every certificate of it was issued. */
async function issueBatch(hub: HubProcess, token: string, size: number): Promise<boolean> {
  const res = await hub.json<{ issued: number }>('POST', '/v1/certificates/batch', token, { certificates: Array.from({ length: size }, () => benchCertificate()) });
  return res.status === 200 && res.body.issued === size;
}

/** The deliveries the worker has yet to make at the end of a window, and how long it takes to make them all. */
async function drain(database: Client): Promise<{ backlog: number; drainSeconds: number }> {
  const pending = async () => Number((await database.query("SELECT count(*) AS n FROM deliveries WHERE status = 'PENDING'")).rows[0].n);
  const backlog = await pending();
  const started = performance.now();
  while ((await pending()) > 0) {
    if (performance.now() - started > 300_000) throw new Error('the worker did not drain its backlog within 5 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { backlog, drainSeconds: (performance.now() - started) / 1000 };
}

const scenario: Scenario = {
  description: 'certificates created, issued and signed per second through POST /v1/certificates/batch vs through the single endpoints',
  options: { seconds: 10, clients: 10, 'batch-clients': 2, size: 100 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const batchClients = context.option('batch-clients');
    const size = context.option('size');
    if (size > 500) throw new Error('--size: a batch takes at most 500 certificates');
    const hub = await HubProcess.start();
    const database = new Client({ connectionString: hub.databaseUrl ?? undefined });
    try {
      await database.connect();
      const token = await prepareIssuer(hub, { devKey: true });
      const customs = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
      if (customs.status !== 201) throw new Error(`could not register Japan's customs: ${customs.status}`);
      if (!(await issueOnce(hub, token)) || !(await issueBatch(hub, token, 2))) throw new Error('certificates could not be issued: check the hub log above');
      await drain(database);
      const measure = async (which: 'batch' | 'single'): Promise<Window> => {
        const load =
          which === 'batch'
            ? await runLoad(`batch of ${size}`, batchClients, seconds, () => issueBatch(hub, token, size))
            : await runLoad('create+issue', clients, seconds, () => issueOnce(hub, token));
        return { load, certificatesPerSecond: load.perSecond * (which === 'batch' ? size : 1), ...(await drain(database)) };
      };
      return {
        async round(round) {
          const measured = new Map<string, Window>();
          for (const which of alternate(round, ['batch', 'single'] as const)) measured.set(which, await measure(which));
          const batch = measured.get('batch')!;
          const single = measured.get('single')!;
          context.log(`  batch: worker backlog ${batch.backlog}, drained in ${batch.drainSeconds.toFixed(1)} s; single: backlog ${single.backlog}, drained in ${single.drainSeconds.toFixed(1)} s`);
          return [
            {
              figure: `create + issue through the batch endpoint, ${batchClients} clients x ${size}`,
              unit: '/s',
              hub: batch.certificatesPerSecond,
              reference: { label: `single endpoints, ${clients} clients`, value: single.certificatesPerSecond },
              detail: {
                batchP50Ms: batch.load.p50Ms,
                batchP99Ms: batch.load.p99Ms,
                batchErrors: batch.load.errors,
                batchBacklog: batch.backlog,
                batchDrainSeconds: batch.drainSeconds,
                singleP99Ms: single.load.p99Ms,
                singleErrors: single.load.errors,
                singleBacklog: single.backlog,
                singleDrainSeconds: single.drainSeconds,
              },
            },
          ];
        },
        async stop() {
          await database.end();
          await hub.stop();
        },
      };
    } catch (error) {
      await database.end().catch(() => undefined);
      await hub.stop();
      throw error;
    }
  },
};

export default scenario;
