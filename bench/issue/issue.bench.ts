// Issuance benchmark, run by hand (never in CI):   bash bench/issue/run.sh [--rounds 3] [--seconds 10] [--clients 10]
//
// Starts the built hub (API and worker in one process) on a database of its own, then alternates, for
// each round, GET /health under the same load (the reference: what the HTTP stack, auth-free, answers
// on this machine right now) with certificates created and issued (POST /v1/certificates then
// POST /v1/certificates/{id}/issue) by `clients` concurrent clients. Reports certificates per second,
// p50/p99 of create+issue, and the median over rounds of the ratio issued/s : health/s.
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { LoadResult, argument, format, median, runLoad } from '../support/load';

async function prepareIssuer(hub: HubProcess): Promise<string> {
  await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`could not create an API key: ${key.status}`);
  return key.body.key;
}

export async function issueOnce(hub: HubProcess, token: string): Promise<boolean> {
  const created = await hub.json<{ id: string }>('POST', '/v1/certificates', token, cambodiaToJapan());
  if (created.status !== 201) return false;
  const issued = await hub.json('POST', `/v1/certificates/${created.body.id}/issue`, token);
  return issued.status === 200;
}

async function main(): Promise<void> {
  const rounds = argument('--rounds', 3);
  const seconds = argument('--seconds', 10);
  const clients = argument('--clients', 10);
  const hub = await HubProcess.start();
  try {
    const token = await prepareIssuer(hub);
    if (!(await issueOnce(hub, token))) throw new Error('a certificate could not be issued: check the hub log above');
    console.log(`issuance benchmark: ${clients} clients, ${seconds}s per measurement, ${rounds} alternating rounds, node ${process.version}\n`);
    const ratios: number[] = [];
    const issued: LoadResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      const health = await runLoad('GET /health', clients, seconds, async () => (await fetch(`${hub.url}/health`).then((r) => r.arrayBuffer().then(() => r.status))) === 200);
      const issue = await runLoad('create+issue', clients, seconds, () => issueOnce(hub, token));
      issued.push(issue);
      ratios.push(issue.perSecond / health.perSecond);
      console.log(`round ${round}\n  ${format(health)}\n  ${format(issue)}\n  ratio issued/health ${(issue.perSecond / health.perSecond).toFixed(3)}`);
    }
    console.log(`\nmedian: ${median(issued.map((r) => r.perSecond)).toFixed(1)} certificates/s, p99 ${median(issued.map((r) => r.p99Ms)).toFixed(1)} ms, ratio issued/health ${median(ratios).toFixed(3)}`);
  } finally {
    await hub.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
