// This build against another build of the hub, on a machine whose speed moves from one minute to
// the next. Two hubs run side by side, each started by `npm start` (1 API process, LOG_LEVEL=info,
// real signing) on a database of its own: this checkout's dist/ and the one of the checkout given
// by --against (built, with its node_modules). Each round measures every figure once on each hub,
// in windows of `seconds` that follow one another, the order of the two hubs alternating from round
// to round; the reference of a figure is the other build's value in the same round, so the runner's
// median of the rounds' ratios is the median over the pairs of windows. After every window the
// worker drains what it left (local deliveries, audit entries to chain), and the CPU per call is
// counted over the window and that drain. Figures: create + issue (with the worker's CPU and the
// machine's), cold verification by reference (each certificate the create + issue window just issued,
// verified once, as many at a time as there are clients: the window lasts as long as that takes),
// GET as the issuer, GET as the importing customs (an audited read), warm verification by reference,
// and GET /health, whose path the builds compared
// usually share: its ratio says how far two windows of the same work differ on this machine. For
// each, the CPU per call of the API process and of PostgreSQL as well (process-cpu.ts; the hub not
// measured idles meanwhile, and what little it spends counts too): lower is better; for create +
// issue, the p99 of one call too. With --pause N each window follows N seconds in which neither hub
// has work (as in `speed`, where a hub waits while the other figures are taken): what a build does
// after its load pauses, such as PostgreSQL connections closed while idle, shows in its next window.
//
//   git worktree add /tmp/before <commit> && cd /tmp/before && npm ci && npm run build && cd -
//   npm run bench -- pair --against /tmp/before --rounds 8 --seconds 4 [--pause 15]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HubProcess, ROOT } from '../support/hub-process';
import { apiKeyOf, issueReturning, prepareIssuer, verifyEachOnce, verifyValid } from '../support/issuing';
import { healthOnce, runLoad } from '../support/load';
import { cpuPerOperation, cpuSnapshot } from '../support/process-cpu';
import { Figure, Scenario, alternate } from '../support/scenario';

interface Prepared {
  hub: HubProcess;
  issuer: string;
  customs: string;
  warm: { id: string; certificateNumber: string }[];
  // Issued by the last create + issue window and not verified yet: the next cold window's certificates.
  fresh: { id: string; certificateNumber: string }[];
}

interface Window {
  perSecond: number;
  p99Ms: number;
  apiMs: number;
  postgresMs: number;
  workerMs: number;
  machineMs: number;
}

const OPERATIONS = ['create + issue', 'verification by reference, cold', 'GET as the issuer', 'GET as the importing customs (audited)', 'verification by reference, warm', 'GET /health'] as const;
type Operation = (typeof OPERATIONS)[number];

async function prepare(root: string | undefined, clients: number): Promise<Prepared> {
  const hub = await HubProcess.startAsUsers(1, { LOG_LEVEL: 'info' }, true, root);
  try {
    const issuer = await prepareIssuer(hub, { devKey: true });
    const customs = await apiKeyOf(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
    const warm: Prepared['warm'] = [];
    await runLoad('prepare', clients, 3, async () => {
      const issued = await issueReturning(hub, issuer);
      if (issued) warm.push(issued);
      return issued !== null;
    });
    if (warm.length < 20) throw new Error(`only ${warm.length} certificates could be issued while preparing: check the hub log`);
    for (const cert of warm) if (!(await verifyValid(hub, customs, cert.certificateNumber))) throw new Error('a warm-up verification was not VALID');
    if (Number.isNaN(await hub.drainMs())) throw new Error('the worker did not drain the warm-up backlog');
    return { hub, issuer, customs, warm, fresh: [] };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

async function measure(h: Prepared, operation: Operation, clients: number, seconds: number, pauseSeconds = 0): Promise<Window> {
  if (pauseSeconds > 0) await new Promise((done) => setTimeout(done, pauseSeconds * 1000));
  let i = 0;
  const next = () => h.warm[i++ % h.warm.length];
  const calls: Record<Exclude<Operation, 'verification by reference, cold'>, () => Promise<boolean>> = {
    'create + issue': async () => {
      const issued = await issueReturning(h.hub, h.issuer);
      if (issued) h.fresh.push(issued);
      return issued !== null;
    },
    'GET as the issuer': async () => (await h.hub.json('GET', `/v1/certificates/${next().id}`, h.issuer)).status === 200,
    'GET as the importing customs (audited)': async () => (await h.hub.json('GET', `/v1/certificates/${next().id}`, h.customs)).status === 200,
    'verification by reference, warm': () => verifyValid(h.hub, h.customs, next().certificateNumber),
    'GET /health': () => healthOnce(h.hub.url),
  };
  const before = cpuSnapshot();
  const result: { operations: number; errors: number; perSecond: number; p99Ms?: number } = operation === 'verification by reference, cold' ? await verifyFresh(h, clients) : await runLoad(operation, clients, seconds, calls[operation]);
  if (result.errors > 0) throw new Error(`${result.errors} calls of ${operation} failed: check the hub log`);
  // What a window left behind for the worker (the local deliveries of issues, the audit entries still
  // to chain) is done before the next window, on either hub, and its cost counts: the CPU of every
  // figure is taken over the window and that settling, so no window is charged with work the one
  // before it left (what a build leaves in its tables, such as index entries of chained audit rows
  // not vacuumed yet, still weighs on later windows: see the README's Performance section).
  if (Number.isNaN(await h.hub.settleMs())) throw new Error('the worker did not drain its backlog or chain the audit entries');
  const cpu = cpuPerOperation(before, cpuSnapshot(), result.operations);
  return { perSecond: result.perSecond, p99Ms: result.p99Ms ?? NaN, apiMs: cpu['cpuMs.api'] ?? NaN, postgresMs: cpu['cpuMs.postgres'] ?? NaN, workerMs: cpu['cpuMs.worker'] ?? NaN, machineMs: cpu['cpuMs.machine'] };
}

/** Each certificate of `h.fresh` verified once by the importing customs, `clients` at a time. */
async function verifyFresh(h: Prepared, clients: number): Promise<{ operations: number; errors: number; perSecond: number }> {
  const certificates = h.fresh.splice(0);
  if (certificates.length < clients) throw new Error(`only ${certificates.length} certificates to verify cold: the create + issue window issued too few`);
  return verifyEachOnce(h.hub, h.customs, certificates, clients);
}

const scenario: Scenario = {
  description: 'this build against another built checkout (--against DIR), side by side: create + issue, cold verification of what it issued, GETs, warm verification and /health in alternating windows',
  options: { seconds: 4, clients: 10, warmup: 2, pause: 0 },
  textOptions: ['against'],
  // It needs another checkout (--against): run only when named.
  long: true,
  async start(context) {
    const against = context.text('against');
    if (!against) throw new Error('--against <directory of another checkout, built> is required');
    const other = resolve(against);
    if (!existsSync(join(other, 'dist/hub.js'))) throw new Error(`${other}/dist/hub.js is missing: build that checkout first (npm ci && npm run build)`);
    if (other === ROOT) throw new Error('--against names this checkout: give another one');
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const hubs = { this: await prepare(undefined, clients), other: await prepare(other, clients) };
    try {
      // Not measured: each hub's first seconds of each load (compilation, caches filling).
      for (const operation of OPERATIONS) for (const h of [hubs.this, hubs.other]) await measure(h, operation, clients, context.option('warmup'));
    } catch (error) {
      await Promise.all([hubs.this.hub.stop(), hubs.other.hub.stop()]);
      throw error;
    }
    context.log(`  this build: ${ROOT}; the other: ${other}`);
    return {
      async round(round) {
        const figures: Figure[] = [];
        for (const operation of OPERATIONS) {
          const windows = new Map<Prepared, Window>();
          for (const h of alternate(round, [hubs.this, hubs.other])) windows.set(h, await measure(h, operation, clients, seconds, context.option('pause')));
          const mine = windows.get(hubs.this)!;
          const theirs = windows.get(hubs.other)!;
          figures.push(
            { figure: `${operation}, ${clients} clients`, unit: '/s', hub: mine.perSecond, reference: { label: 'the other build, the adjacent window', value: theirs.perSecond } },
            { figure: `${operation}: API process CPU per call`, unit: 'ms', hub: mine.apiMs, reference: { label: 'the other build, the adjacent window', value: theirs.apiMs } },
            { figure: `${operation}: PostgreSQL CPU per call`, unit: 'ms', hub: mine.postgresMs, reference: { label: 'the other build, the adjacent window', value: theirs.postgresMs } },
          );
          // The worker's share is the local delivery of each certificate; the machine's, every program's.
          if (operation === 'create + issue') {
            figures.push(
              { figure: `${operation}: p99 of one call`, unit: 'ms', hub: mine.p99Ms, reference: { label: 'the other build, the adjacent window', value: theirs.p99Ms } },
              { figure: `${operation}: worker process CPU per call`, unit: 'ms', hub: mine.workerMs, reference: { label: 'the other build, the adjacent window', value: theirs.workerMs } },
              { figure: `${operation}: the machine's CPU per call`, unit: 'ms', hub: mine.machineMs, reference: { label: 'the other build, the adjacent window', value: theirs.machineMs } },
            );
          }
        }
        return figures;
      },
      async stop() {
        await Promise.all([hubs.this.hub.stop(), hubs.other.hub.stop()]);
      },
    };
  },
};

export default scenario;
