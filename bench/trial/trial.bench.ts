// Trial mode beside server mode, run by hand (never in CI):   bash bench/trial/run.sh [--rounds 3] [--seconds 10] [--clients 10]
//
// Starts two built hubs (API and workers in one process each): one in server mode on a PostgreSQL
// database and Redis prefix of its own, one with HUB_MODE=trial on an empty data directory. Each gets
// an issuing authority with an ACTIVE development signing key. Then, for each round, it measures
// certificates created, issued, signed and stored per second (POST /v1/certificates, then POST
// /v1/certificates/{id}/issue, by `clients` concurrent clients for `seconds`) on one hub and then
// the other, alternating which goes first; only one hub is loaded at a time. Reports each round,
// the medians, and the median of the per-round ratios trial : server. Results go to
// bench/results/trial.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { LoadResult, argument, format, median, runLoad } from '../support/load';
import { issueOnce } from '../issue/issue.bench';

async function prepareIssuer(hub: HubProcess): Promise<string> {
  const registered = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  if (registered.status !== 201) throw new Error(`could not register the issuer: ${registered.status}`);
  const devKey = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
  if (devKey.status !== 200) throw new Error(`could not give the issuer a signing key: ${devKey.status}`);
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`could not create an API key: ${key.status}`);
  return key.body.key;
}

async function main(): Promise<void> {
  const rounds = argument('--rounds', 3);
  const seconds = argument('--seconds', 10);
  const clients = argument('--clients', 10);
  const startedTrial = Date.now();
  const trial = await HubProcess.startTrial();
  const trialStartMs = Date.now() - startedTrial;
  const server = await HubProcess.start();
  try {
    const hubs = [
      { name: 'server', hub: server, token: await prepareIssuer(server) },
      { name: 'trial', hub: trial, token: await prepareIssuer(trial) },
    ];
    for (const { name, hub, token } of hubs) if (!(await issueOnce(hub, token))) throw new Error(`the ${name} hub could not issue a certificate: see its log above`);
    console.log(`trial vs server issuance: ${clients} clients, ${seconds}s per measurement, ${rounds} alternating rounds, node ${process.version}, ${cpus().length} cores`);
    console.log(`trial hub first start (create and migrate the embedded database): ${(trialStartMs / 1000).toFixed(1)} s\n`);
    const results: { round: number; server: LoadResult; trial: LoadResult; ratio: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? hubs : [...hubs].reverse();
      const measured: Record<string, LoadResult> = {};
      for (const { name, hub, token } of order) measured[name] = await runLoad(`${name} create+issue`, clients, seconds, () => issueOnce(hub, token));
      const ratio = measured.trial.perSecond / measured.server.perSecond;
      results.push({ round, server: measured.server, trial: measured.trial, ratio });
      console.log(`round ${round} (${order[0].name} first)\n  ${format(measured.server)}\n  ${format(measured.trial)}\n  ratio trial/server ${ratio.toFixed(3)}`);
    }
    const summary = {
      serverPerSecond: median(results.map((r) => r.server.perSecond)),
      trialPerSecond: median(results.map((r) => r.trial.perSecond)),
      serverP99Ms: median(results.map((r) => r.server.p99Ms)),
      trialP99Ms: median(results.map((r) => r.trial.p99Ms)),
      ratio: median(results.map((r) => r.ratio)),
    };
    console.log(
      `\nmedian: server ${summary.serverPerSecond.toFixed(1)} certificates/s (p99 ${summary.serverP99Ms.toFixed(0)} ms), trial ${summary.trialPerSecond.toFixed(1)} certificates/s (p99 ${summary.trialP99Ms.toFixed(0)} ms), ratio trial/server ${summary.ratio.toFixed(3)}`,
    );
    const dir = resolve(__dirname, '../results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'trial.json'), JSON.stringify({ at: new Date().toISOString(), clients, seconds, rounds, trialStartMs, results, summary }, null, 2));
  } finally {
    await Promise.allSettled([trial.stop(), server.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
