// Issue 14's table: the hub started as a user starts it (`npm start`: dist/hub.js, real signing,
// LOG_LEVEL=info with the access log on, PostgreSQL durability untouched) with 1 and with 2 API
// processes, each on a database of its own, against OpenAttestation 6.9.7 in this process on the
// shared sample certificate (installed on demand, bench/support/open-attestation.ts). Every round,
// in an order that alternates from round to round:
//   - issuance: create + issue through the API by `clients` clients, vs OA wrapDocument + signDocument;
//     with the p99, the worker's backlog at the end of the window and the time it took to drain; and
//     through the batch endpoint (`size` certificates a call, `batch-clients` clients), counted per
//     certificate issued, with its backlog and drain too; and the CPU milliseconds each certificate of
//     the single endpoints cost the API and worker processes, PostgreSQL, Redis, the benchmark's
//     clients and the machine as a whole (bench/support/process-cpu.ts);
//   - the same without signing (HUB_BENCH_DIGEST_ONLY, a third hub of 1 API process), and the cost of
//     signing (signed : unsigned, DESIGN.md section 9);
//   - verification by reference as the importing customs, warm (certificates verified before) and cold
//     (the first verification of each of `cold` certificates issued for the round), vs OA
//     verifySignature + validateSchema;
//   - GET a certificate as its issuer and as the importing customs (an audited read), and GET /live,
//     vs GET /health of the same hub.
// Before the first round each hub runs the figures' work untimed for `warm-up` seconds (half of it
// create + issue, then warm verifications, then each GET), and OpenAttestation signs and verifies for
// a few seconds: a hub just started is about half as fast for its first 15 to 20 seconds of load (a
// scratch run, create + issue in 6-second windows with 1 API process: 122, 165, 238, 215 and 212 a
// second, the API's CPU per certificate 6.9, 4.8, 3.2, 3.4 and 3.4 ms; with 2 API processes the
// same work spreads over two processes to warm, 125, 164, 207, 218, 222), and the table is of a hub
// that runs.
import { HubProcess } from '../support/hub-process';
import { cpuPerOperation, cpuSnapshot } from '../support/process-cpu';
import { request } from '../support/http';
import { apiKeyOf, benchCertificate, failedItems, issueReturning, prepareIssuer, verifyEachOnce, verifyValid } from '../support/issuing';
import { LoadResult, healthOnce, inProcessRate, runLoad } from '../support/load';
import { PEER_FAILED, openAttestationPeer } from '../support/open-attestation';
import { Figure, Scenario, alternate } from '../support/scenario';

const PROCESSES = [1, 2];
const HONEST = { LOG_LEVEL: 'info' };

interface Prepared {
  hub: HubProcess;
  processes: number;
  issuer: string;
  customs: string;
  warm: { id: string; certificateNumber: string }[];
}

/** One call of the batch endpoint creating and issuing `size` certificates: true when every one was issued. */
async function issueBatch(hub: HubProcess, token: string, size: number): Promise<boolean> {
  const res = await hub.json<{ issued: number }>('POST', '/v1/certificates/batch', token, { certificates: Array.from({ length: size }, () => benchCertificate()) });
  return res.status === 200 && res.body.issued === size;
}

/** Issues `count` certificates through the batch endpoint, 100 a call, `clients` calls at a time (not timed: preparation). */
async function issueMany(hub: HubProcess, token: string, count: number, clients: number): Promise<{ id: string; certificateNumber: string }[]> {
  const out: { id: string; certificateNumber: string }[] = [];
  let left = count;
  await Promise.all(
    Array.from({ length: Math.min(clients, 4) }, async () => {
      while (left > 0) {
        const size = Math.min(100, left);
        left -= size;
        const res = await hub.json<{ issued: number; results: { certificate?: { id: string; certificateNumber: string }; outcome?: string; problem?: { code?: string } }[] }>('POST', '/v1/certificates/batch', token, {
          certificates: Array.from({ length: size }, () => benchCertificate()),
        });
        if (res.status !== 200 || res.body.issued !== size) throw new Error(`certificates could not be issued while preparing: ${res.status}, ${res.body?.issued} of ${size} issued (failed: ${failedItems(res.body?.results ?? [])})`);
        for (const item of res.body.results) out.push({ id: item.certificate!.id, certificateNumber: item.certificate!.certificateNumber });
      }
    }),
  );
  return out;
}

/** The figures' work, untimed, for about `seconds` (not timed: preparation). */
async function warmUp(prepared: Prepared, seconds: number, clients: number): Promise<void> {
  if (seconds <= 0) return;
  const { hub, issuer, customs, warm } = prepared;
  await runLoad('warm-up: create + issue', clients, seconds / 2, async () => (await issueReturning(hub, issuer)) !== null);
  if (warm.length > 0) {
    let i = 0;
    await runLoad('warm-up: verification', clients, seconds / 4, () => verifyValid(hub, customs, warm[i++ % warm.length].certificateNumber));
    for (const token of [issuer, customs]) await runLoad('warm-up: GET', clients, seconds / 8, async () => (await hub.json('GET', `/v1/certificates/${warm[i++ % warm.length].id}`, token)).status === 200);
  }
  if (Number.isNaN(await hub.drainMs())) throw new Error('the worker did not drain the warm-up backlog');
}

async function prepare(processes: number, extraEnv: Record<string, string>, warmCount: number, clients: number, warmUpSeconds: number): Promise<Prepared> {
  const hub = await HubProcess.startAsUsers(processes, { ...HONEST, ...extraEnv });
  try {
    const issuer = await prepareIssuer(hub, { devKey: true });
    const customs = await apiKeyOf(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
    const warm = await issueMany(hub, issuer, warmCount, clients);
    // Verified once each before any round: the warm figure is of certificates verified before.
    for (const cert of warm) if (!(await verifyValid(hub, customs, cert.certificateNumber))) throw new Error('a warm-up verification was not VALID');
    // The warm certificates' local deliveries run in the worker: done before any figure is taken.
    if (Number.isNaN(await hub.drainMs())) throw new Error('the worker did not drain the warm-up backlog');
    const prepared = { hub, processes, issuer, customs, warm };
    await warmUp(prepared, warmUpSeconds, clients);
    return prepared;
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

const detail = (result: LoadResult) => ({ p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors });

const scenario: Scenario = {
  description: 'issue 14: issuance, verification (warm, cold) and reads through `npm start` with 1 and 2 API processes, vs OpenAttestation 6.9.7 in process and GET /health',
  options: { seconds: 10, clients: 10, cold: 10000, warm: 200, 'batch-clients': 2, size: 100, 'warm-up': 40 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const batchClients = context.option('batch-clients');
    const size = context.option('size');
    const peer = await openAttestationPeer(context.log);
    const hubs: Prepared[] = [];
    try {
      const warmUpSeconds = context.option('warm-up');
      for (const processes of PROCESSES) hubs.push(await prepare(processes, {}, context.option('warm'), clients, warmUpSeconds));
      const unsigned = await prepare(1, { HUB_BENCH_DIGEST_ONLY: 'true' }, 0, clients, warmUpSeconds);
      if (warmUpSeconds > 0) {
        await inProcessRate(Math.min(5, warmUpSeconds), () => peer.wrapAndSign(), PEER_FAILED);
        await inProcessRate(Math.min(5, warmUpSeconds), () => peer.verify(), PEER_FAILED);
      }
      hubs.push(unsigned);
      const signedHubs = hubs.filter((h) => h !== unsigned);
      return {
        async round(round) {
          const figures: Figure[] = [];
          const oa: { sign?: number; verify?: number } = {};
          const steps: (() => Promise<void>)[] = [
            async () => void (oa.sign = await inProcessRate(seconds, () => peer.wrapAndSign(), PEER_FAILED)),
            async () => void (oa.verify = await inProcessRate(seconds, () => peer.verify(), PEER_FAILED)),
          ];
          const measured = new Map<string, { result: LoadResult; backlog?: number; drainMs?: number; cpu?: Record<string, number> }>();
          const health = new Map<number, LoadResult>();
          for (const h of hubs) {
            const label = h === unsigned ? 'unsigned' : String(h.processes);
            steps.push(async () => {
              const before = cpuSnapshot();
              const result = await runLoad('create+issue', clients, seconds, async () => (await issueReturning(h.hub, h.issuer)) !== null);
              const cpu = cpuPerOperation(before, cpuSnapshot(), result.perSecond * seconds);
              measured.set(`issue-${label}`, { result, backlog: await h.hub.backlog(), drainMs: await h.hub.drainMs(), cpu });
            });
          }
          for (const h of signedHubs) {
            // DESIGN.md section 9 counts issuance through the single or the batch endpoint.
            steps.push(async () => {
              const result = await runLoad('batch create+issue', batchClients, seconds, () => issueBatch(h.hub, h.issuer, size));
              measured.set(`batch-${h.processes}`, { result, backlog: await h.hub.backlog(), drainMs: await h.hub.drainMs() });
            });
            steps.push(async () => void health.set(h.processes, await runLoad('GET /health', clients, seconds, () => healthOnce(h.hub.url))));
            steps.push(async () => {
              let i = 0;
              measured.set(`warm-${h.processes}`, { result: await runLoad('verify warm', clients, seconds, () => verifyValid(h.hub, h.customs, h.warm[i++ % h.warm.length].certificateNumber)) });
            });
            steps.push(async () => {
              let i = 0;
              const read = async (token: string) => (await h.hub.json('GET', `/v1/certificates/${h.warm[i++ % h.warm.length].id}`, token)).status === 200;
              measured.set(`get-issuer-${h.processes}`, { result: await runLoad('GET as issuer', clients, seconds, () => read(h.issuer)) });
              measured.set(`get-customs-${h.processes}`, { result: await runLoad('GET as customs', clients, seconds, () => read(h.customs)) });
              measured.set(`live-${h.processes}`, { result: await runLoad('GET /live', clients, seconds, async () => (await request(`${h.hub.url}/live`)).status === 200) });
            });
          }
          for (const step of alternate(round, steps)) await step();
          // Cold: certificates issued for this round (not timed), each verified once.
          const cold = new Map<number, { perSecond: number; errors: number }>();
          for (const h of alternate(round, signedHubs)) {
            const fresh = await issueMany(h.hub, h.issuer, context.option('cold'), clients);
            await h.hub.drainMs();
            cold.set(h.processes, await verifyEachOnce(h.hub, h.customs, fresh, clients));
          }
          const oaSign = { label: 'OpenAttestation wrap + sign, in process', value: oa.sign as number };
          const oaVerify = { label: 'OpenAttestation verifySignature + validateSchema, in process', value: oa.verify as number };
          for (const h of signedHubs) {
            const n = h.processes;
            const who = `${n} API process${n > 1 ? 'es' : ''}`;
            const issued = measured.get(`issue-${n}`)!;
            const batched = measured.get(`batch-${n}`)!;
            const reference = { label: 'GET /health', value: health.get(n)!.perSecond };
            figures.push(
              { figure: `issuance (create + issue), ${clients} clients, ${who}`, unit: '/s', hub: issued.result.perSecond, reference: oaSign, target: { on: 'ratio', atLeast: 1.5 }, detail: { ...detail(issued.result), backlogAtEnd: issued.backlog ?? NaN, drainMs: issued.drainMs ?? NaN, ...issued.cpu } },
              { figure: `p99 of one create + issue, ${clients} clients, ${who}`, unit: 'ms', hub: issued.result.p99Ms, target: { on: 'hub', atMost: 50 } },
              {
                figure: `issuance through the batch endpoint (${size} a call), ${batchClients} clients, ${who}`,
                unit: '/s',
                hub: batched.result.perSecond * size,
                reference: oaSign,
                target: { on: 'ratio', atLeast: 1.5 },
                detail: { ...detail(batched.result), backlogAtEnd: batched.backlog ?? NaN, drainMs: batched.drainMs ?? NaN },
              },
              { figure: `verification by reference as importing customs, warm, ${who}`, unit: '/s', hub: measured.get(`warm-${n}`)!.result.perSecond, reference: oaVerify, target: { on: 'ratio', atLeast: 1.0 }, detail: detail(measured.get(`warm-${n}`)!.result) },
              { figure: `verification, cold (first of each of ${context.option('cold')}), ${who}`, unit: '/s', hub: cold.get(n)!.perSecond, reference: oaVerify, target: { on: 'ratio', atLeast: 0.5 }, detail: { errors: cold.get(n)!.errors } },
              { figure: `GET a certificate as its issuer, ${who}`, unit: '/s', hub: measured.get(`get-issuer-${n}`)!.result.perSecond, reference, target: { on: 'ratio', atLeast: 0.7 }, detail: detail(measured.get(`get-issuer-${n}`)!.result) },
              { figure: `GET a certificate as importing customs (audited), ${who}`, unit: '/s', hub: measured.get(`get-customs-${n}`)!.result.perSecond, reference, target: { on: 'ratio', atLeast: 0.7 }, detail: detail(measured.get(`get-customs-${n}`)!.result) },
              { figure: `GET /live (no I/O), ${who}`, unit: '/s', hub: measured.get(`live-${n}`)!.result.perSecond, reference, detail: detail(measured.get(`live-${n}`)!.result) },
            );
          }
          const plain = measured.get('issue-unsigned')!;
          const signedOne = measured.get('issue-1')!;
          figures.push(
            { figure: `issuance without signing (digest only), ${clients} clients, 1 API process`, unit: '/s', hub: plain.result.perSecond, reference: oaSign, detail: { ...detail(plain.result), backlogAtEnd: plain.backlog ?? NaN, drainMs: plain.drainMs ?? NaN } },
            { figure: 'cost of signing: issuance signed : without signing, 1 API process', unit: 'x', hub: signedOne.result.perSecond / plain.result.perSecond, target: { on: 'hub', atLeast: 0.8 } },
          );
          return figures;
        },
        async stop() {
          for (const h of hubs) await h.hub.stop();
        },
      };
    } catch (error) {
      for (const h of hubs) await h.hub.stop();
      throw error;
    }
  },
};

export default scenario;
