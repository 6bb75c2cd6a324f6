// What the local delivery costs a certificate. The speed scenario registers the importing customs
// (Japan) on the issuing hub, so every certificate it issues is also delivered on this hub: a
// delivery row, the worker's attempt (claimed by its local relay), the receipt (import status,
// event, audit entry) and the acknowledgement. Two hubs of this build run side by side, each started by `npm start`
// (1 API process, LOG_LEVEL=info, real signing) on a database of its own: one with the customs
// authority registered, one without. Each round runs create + issue on each in windows of `seconds`
// that follow one another, their order alternating from round to round; the reference of a figure
// is the hub without the customs authority, in the adjacent window. The CPU per certificate of each
// program (process-cpu.ts: the API and worker processes, PostgreSQL, Redis, the benchmark's clients,
// the machine) is counted over the window and the drain of the deliveries it left, so that a
// delivery finished after the window still counts; the rate is the window's. The hub not measured
// idles meanwhile, and what little it spends counts too.
//   npm run bench -- local-delivery [--rounds 3] [--seconds 8] [--clients 10]
import { HubProcess } from '../support/hub-process';
import { apiKeyOf, issueReturning, prepareIssuer } from '../support/issuing';
import { runLoad } from '../support/load';
import { cpuPerOperation, cpuSnapshot } from '../support/process-cpu';
import { Figure, Scenario, alternate } from '../support/scenario';

interface Prepared {
  hub: HubProcess;
  issuer: string;
}

const PROGRAMS = [
  ['api', 'the API process'],
  ['worker', 'the worker process'],
  ['postgres', 'PostgreSQL'],
  ['redis', 'Redis'],
  ['bench', "the benchmark's clients"],
  ['machine', 'the machine in all'],
] as const;

async function prepare(withCustoms: boolean, clients: number, warmup: number): Promise<Prepared> {
  const hub = await HubProcess.startAsUsers(1, { LOG_LEVEL: 'info' });
  try {
    const issuer = await prepareIssuer(hub, { devKey: true });
    if (withCustoms) await apiKeyOf(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
    // Not measured: the first seconds of the load (compilation, caches filling).
    await runLoad('warm-up', clients, warmup, async () => (await issueReturning(hub, issuer)) !== null);
    if (Number.isNaN(await hub.drainMs())) throw new Error('the worker did not drain the warm-up backlog');
    return { hub, issuer };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

async function window(h: Prepared, clients: number, seconds: number): Promise<{ perSecond: number; cpu: Record<string, number> }> {
  const before = cpuSnapshot();
  const result = await runLoad('create + issue', clients, seconds, async () => (await issueReturning(h.hub, h.issuer)) !== null);
  if (result.errors > 0) throw new Error(`${result.errors} creates or issues failed: check the hub log`);
  if (Number.isNaN(await h.hub.drainMs())) throw new Error('the worker did not drain its backlog');
  return { perSecond: result.perSecond, cpu: cpuPerOperation(before, cpuSnapshot(), result.operations) };
}

const scenario: Scenario = {
  description: 'create + issue with the importing customs served by the same hub (each certificate delivered locally) against a hub without it: rate, and CPU per certificate by program',
  options: { seconds: 8, clients: 10, warmup: 3 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const withCustoms = await prepare(true, clients, context.option('warmup'));
    let without: Prepared;
    try {
      without = await prepare(false, clients, context.option('warmup'));
    } catch (error) {
      await withCustoms.hub.stop();
      throw error;
    }
    return {
      async round(round) {
        const windows = new Map<Prepared, Awaited<ReturnType<typeof window>>>();
        for (const h of alternate(round, [withCustoms, without])) windows.set(h, await window(h, clients, seconds));
        const delivering = windows.get(withCustoms)!;
        const alone = windows.get(without)!;
        const reference = 'the hub without a customs authority, the adjacent window';
        const figures: Figure[] = [
          { figure: `create + issue, each certificate delivered locally, ${clients} clients`, unit: '/s', hub: delivering.perSecond, reference: { label: reference, value: alone.perSecond } },
        ];
        for (const [program, name] of PROGRAMS) {
          figures.push({
            figure: `CPU per certificate delivered locally: ${name}`,
            unit: 'ms',
            hub: delivering.cpu[`cpuMs.${program}`] ?? 0,
            reference: { label: reference, value: alone.cpu[`cpuMs.${program}`] ?? 0 },
          });
        }
        return figures;
      },
      async stop() {
        await Promise.all([withCustoms.hub.stop(), without.hub.stop()]);
      },
    };
  },
};

export default scenario;
