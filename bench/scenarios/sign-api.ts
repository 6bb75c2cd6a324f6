// Issuance through the API with signing against without (DESIGN.md section 9): certificates
// created, issued, signed and stored per second with `clients` concurrent clients, against the same
// path without signing, from the same run; beside `openssl speed -seconds 3 rsa2048`. Target: signed
// >= 0.8x unsigned.
//
// How "without signing" is made honest: two hub processes from the same build, on the same fresh
// database, identical but for HUB_BENCH_DIGEST_ONLY=true on one of them (the env switch binds the
// DigestOnlySealer, which only the benchmark uses). Both run the API only (no queue workers),
// LOG_LEVEL=warn, one process each; the authority has an ACTIVE 2048-bit development key. Each
// client loops POST /v1/certificates then POST /v1/certificates/{id}/issue; a certificate counts
// when its issue answered 200. Only one hub is loaded at a time; rounds alternate which goes first.
import { BENCH_ADMIN_TOKEN, BenchDatabase, BuiltProcess, hubEnv } from '../support/hub-process';
import { benchCertificate } from '../support/issuing';
import { opensslRsa2048 } from '../support/openssl';
import { Scenario, alternate } from '../support/scenario';

const TARGET_RATIO = 0.8;

interface Hub {
  name: string;
  url: string;
  process: BuiltProcess;
}

interface Answer {
  id: string;
  key: string;
  [field: string]: unknown;
}

async function call(url: string, method: string, token: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Answer };
}

/** Creates and issues certificates with `clients` concurrent loops for `seconds`; returns issued per second. */
async function load(hub: Hub, token: string, clients: number, seconds: number): Promise<{ rate: number; issued: number; errors: number }> {
  let issued = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const loop = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      const created = await call(`${hub.url}/v1/certificates`, 'POST', token, benchCertificate());
      if (created.status !== 201) {
        errors++;
        continue;
      }
      const answer = await call(`${hub.url}/v1/certificates/${created.json.id}/issue`, 'POST', token);
      if (answer.status === 200) issued++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: issued / elapsed, issued, errors };
}

const scenario: Scenario = {
  description: 'certificates created, issued and signed per second through the API vs the same without signing',
  options: { seconds: 10, clients: 10 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const database = await BenchDatabase.create('bench_sign');
    const env = { ...hubEnv(), ...database.env() };
    const hubs: Hub[] = [];
    const stop = async (): Promise<void> => {
      await Promise.all(hubs.map((hub) => hub.process.stop()));
      await database.drop();
    };
    const startHub = async (name: string, extra: Record<string, string>): Promise<Hub> => {
      const child = await BuiltProcess.api({ ...env, ...extra }, { quiet: true });
      const hub = { name, url: child.url as string, process: child };
      hubs.push(hub);
      return hub;
    };
    try {
      const signed = await startHub('signed', {});
      const unsigned = await startHub('unsigned', { HUB_BENCH_DIGEST_ONLY: 'true' });

      await call(`${signed.url}/v1/authorities`, 'POST', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
      const dev = await call(`${signed.url}/v1/pki/dev-keys`, 'POST', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'], keyBits: 2048 });
      if (dev.status !== 200) throw new Error(`dev key: ${dev.status} ${JSON.stringify(dev.json)}`);
      const token = (await call(`${signed.url}/v1/api-keys`, 'POST', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' })).json.key;

      // Sanity: the signed hub stores a signature, the unsigned one does not.
      for (const [hub, expectSignature] of [[signed, true], [unsigned, false]] as const) {
        const created = await call(`${hub.url}/v1/certificates`, 'POST', token, benchCertificate());
        const issued = await call(`${hub.url}/v1/certificates/${created.json.id}/issue`, 'POST', token);
        const signature = await fetch(`${hub.url}/v1/certificates/${issued.json.id}/signature`, { headers: { authorization: `Bearer ${token}` } });
        if (issued.status !== 200 || (signature.status === 200) !== expectSignature) throw new Error(`${hub.name} hub: issue ${issued.status}, signature ${signature.status}`);
      }
      context.log('RSA-2048 development key; create + issue (+ sign) per certificate');
      // Warm-up: JIT, connection pools, the signer cache (rates still climb for a while after start).
      await load(signed, token, clients, 5);
      await load(unsigned, token, clients, 5);
      return {
        async round(round) {
          const measured = new Map<string, { rate: number; errors: number }>();
          for (const hub of alternate(round, [signed, unsigned])) measured.set(hub.name, await load(hub, token, clients, seconds));
          const opensslSignPerSecond = opensslRsa2048(3).signPerSecond;
          const s = measured.get('signed')!;
          const u = measured.get('unsigned')!;
          return [
            {
              figure: `create + issue + sign, ${clients} clients`,
              unit: '/s',
              hub: s.rate,
              reference: { label: 'the same without signing', value: u.rate },
              target: { on: 'ratio', atLeast: TARGET_RATIO },
              detail: { errors: s.errors + u.errors },
            },
            { figure: 'openssl speed rsa2048 sign, one core', unit: '/s', reference: { label: 'openssl', value: opensslSignPerSecond } },
          ];
        },
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

export default scenario;
