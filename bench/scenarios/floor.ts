// How far issue 14's targets are from this machine's floor. The same loads as the speed scenario, on
// the hub (`npm start`, 1 API process, honest settings) and on a bare node:http server that does only
// the durable input and output the design asks of each call (bench/support/bare-api.ts: the same
// rows written and read, one statement a change, the RSA signature of issue, one commit per logged
// verification and per audited read), against the same references in the same round:
//   - bare : reference is the most any hub doing that I/O could reach here (its ceiling);
//   - hub : bare is the part of that ceiling the hub reaches (its own CPU on top of the I/O).
// Both processes take the same clients (undici, 10 at a time) on the same two cores.
//   npm run bench -- floor [--rounds 3] [--seconds 10] [--clients 10]
import { ChildProcess } from 'node:child_process';
import { jsonCall, request } from '../support/http';
import { BenchDatabase, HubProcess, REDIS_URL, freePort, spawnScript, stopChild } from '../support/hub-process';
import { JsonApi, apiKeyOf, issueReturning, prepareIssuer, verifyValid } from '../support/issuing';
import { LoadResult, healthOnce, inProcessRate, runLoad } from '../support/load';
import { PEER_FAILED, openAttestationPeer } from '../support/open-attestation';
import { Figure, Scenario, alternate } from '../support/scenario';

const HONEST = { LOG_LEVEL: 'info' };

/** The bare server's tokens: `customs` makes a read audited, as the importing customs' key does on the hub. */
const BARE_ISSUER = 'issuer';
const BARE_CUSTOMS = 'customs';

interface Target {
  name: 'hub' | 'bare';
  url: string;
  api: JsonApi;
  issuer: string;
  customs: string;
  warm: { id: string; certificateNumber: string }[];
  /** Waits until what the target's calls left to a worker is done (the hub's local deliveries; nothing on the bare server). */
  drained: () => Promise<void>;
}

async function warmUp(target: Omit<Target, 'warm'>, count: number): Promise<Target> {
  const warm: Target['warm'] = [];
  for (let i = 0; i < count; i++) {
    const issued = await issueReturning(target.api, target.issuer);
    if (!issued) throw new Error(`the ${target.name} could not issue a certificate while preparing`);
    warm.push(issued);
  }
  // Verified once each before any round: the warm figure is of certificates verified before.
  for (const cert of warm) if (!(await verifyValid(target.api, target.customs, cert.certificateNumber))) throw new Error(`a warm-up verification on the ${target.name} was not VALID`);
  // What the warm-up left to a worker (the hub's local deliveries) is done before any figure is taken.
  await target.drained();
  return { ...target, warm };
}

const scenario: Scenario = {
  description: "issue 14's figures on the hub and on a bare server doing only their durable I/O (the machine's floor), vs OpenAttestation 6.9.7 in process and GET /health",
  options: { seconds: 10, clients: 10, warm: 200 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const peer = await openAttestationPeer(context.log);
    const hub = await HubProcess.startAsUsers(1, HONEST);
    let database: BenchDatabase | undefined;
    let bare: ChildProcess | undefined;
    try {
      const hubTarget = await warmUp(
        {
          name: 'hub',
          url: hub.url,
          api: hub,
          issuer: await prepareIssuer(hub, { devKey: true }),
          customs: await apiKeyOf(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] }),
          drained: async () => {
            if (Number.isNaN(await hub.drainMs())) throw new Error("the hub's worker did not drain its backlog within 2 minutes");
          },
        },
        context.option('warm'),
      );
      database = await BenchDatabase.create('floor');
      const port = await freePort();
      const bareEnv = { ...process.env, DATABASE_URL: database.url, REDIS_URL };
      bare = await spawnScript('bench/support/bare-api.ts', [String(port)], bareEnv);
      const bareUrl = `http://127.0.0.1:${port}`;
      const bareTarget = await warmUp(
        {
          name: 'bare',
          url: bareUrl,
          api: { json: (method, path, token, body) => jsonCall(bareUrl, method, path, token, body) },
          issuer: BARE_ISSUER,
          customs: BARE_CUSTOMS,
          drained: async () => undefined,
        },
        context.option('warm'),
      );
      const targets = [hubTarget, bareTarget];
      return {
        async round(round) {
          const oa: { sign?: number; verify?: number } = {};
          const measured = new Map<string, LoadResult>();
          const steps: (() => Promise<void>)[] = [
            async () => void (oa.sign = await inProcessRate(seconds, () => peer.wrapAndSign(), PEER_FAILED)),
            async () => void (oa.verify = await inProcessRate(seconds, () => peer.verify(), PEER_FAILED)),
          ];
          for (const t of targets) {
            const read = (token: string) => {
              let i = 0;
              return async () => (await t.api.json('GET', `/v1/certificates/${t.warm[i++ % t.warm.length].id}`, token)).status === 200;
            };
            let v = 0;
            steps.push(
              async () => void measured.set(`${t.name} health`, await runLoad(`${t.name} GET /health`, clients, seconds, () => healthOnce(t.url))),
              async () => void measured.set(`${t.name} live`, await runLoad(`${t.name} GET /live`, clients, seconds, async () => (await request(`${t.url}/live`)).status === 200)),
              async () => void measured.set(`${t.name} issuer`, await runLoad(`${t.name} GET as issuer`, clients, seconds, read(t.issuer))),
              async () => void measured.set(`${t.name} customs`, await runLoad(`${t.name} GET as customs`, clients, seconds, read(t.customs))),
              async () => void measured.set(`${t.name} warm`, await runLoad(`${t.name} verify warm`, clients, seconds, () => verifyValid(t.api, t.customs, t.warm[v++ % t.warm.length].certificateNumber))),
              async () => {
                measured.set(`${t.name} issue`, await runLoad(`${t.name} create+issue`, clients, seconds, async () => (await issueReturning(t.api, t.issuer)) !== null));
                // The window's local deliveries run in the hub's worker: drained before the next figure, as after the warm-up.
                await t.drained();
              },
            );
          }
          for (const step of alternate(round, steps)) await step();
          const get = (key: string) => measured.get(key) as LoadResult;
          const oaSign = { label: 'OpenAttestation wrap + sign, in process', value: oa.sign as number };
          const oaVerify = { label: 'OpenAttestation verifySignature + validateSchema, in process', value: oa.verify as number };
          const detail = (result: LoadResult) => ({ p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors });
          const figures: Figure[] = [];
          // Each figure of issue 14 (its target on hub : its reference) on the bare server: the ceiling.
          const rows: { key: string; what: string; reference: (name: string) => { label: string; value: number }; target?: number }[] = [
            { key: 'issue', what: `create + issue, ${clients} clients`, reference: () => oaSign, target: 1.5 },
            { key: 'warm', what: 'verification by reference, warm', reference: () => oaVerify, target: 1.0 },
            { key: 'issuer', what: 'GET a certificate as its issuer', reference: (name) => ({ label: `GET /health of the ${name}`, value: get(`${name} health`).perSecond }), target: 0.7 },
            { key: 'customs', what: 'GET a certificate as importing customs (audited)', reference: (name) => ({ label: `GET /health of the ${name}`, value: get(`${name} health`).perSecond }), target: 0.7 },
            { key: 'live', what: 'GET /live (no I/O)', reference: (name) => ({ label: `GET /health of the ${name}`, value: get(`${name} health`).perSecond }) },
          ];
          for (const row of rows) {
            for (const name of ['bare', 'hub'] as const) {
              figures.push({
                figure: `${row.what}: ${name === 'bare' ? 'bare server (the ceiling)' : 'hub, 1 API process'}`,
                unit: '/s',
                hub: get(`${name} ${row.key}`).perSecond,
                reference: row.reference(name),
                target: name === 'hub' && row.target !== undefined ? { on: 'ratio', atLeast: row.target } : undefined,
                detail: detail(get(`${name} ${row.key}`)),
              });
            }
            figures.push({
              figure: `${row.what}: hub : bare server`,
              unit: '/s',
              hub: get(`hub ${row.key}`).perSecond,
              reference: { label: 'the bare server', value: get(`bare ${row.key}`).perSecond },
            });
          }
          figures.push({ figure: 'GET /health: hub : bare server', unit: '/s', hub: get('hub health').perSecond, reference: { label: 'the bare server', value: get('bare health').perSecond } });
          figures.push({ figure: `p99 of one create + issue, ${clients} clients: bare server`, unit: 'ms', hub: get('bare issue').p99Ms, target: { on: 'hub', atMost: 50 } });
          return figures;
        },
        async stop() {
          if (bare) await stopChild(bare);
          await database?.drop();
          await hub.stop();
        },
      };
    } catch (error) {
      if (bare) await stopChild(bare);
      await database?.drop();
      await hub.stop();
      throw error;
    }
  },
};

export default scenario;
