// A partner hub to point a local hub at, by hand:
//   node -r ./bench/register-ts.js scripts/partner-simulator.ts [--port 4100] [--token T] [--default accept|fail:503|429:5|stall|drop|slow:2000]
// then register it as a partner with endpointUrl http://127.0.0.1:4100. Steer it while it runs:
//   curl -X POST localhost:4100/_control/next -d '[{"kind":"fail","status":503},{"kind":"fail","status":429,"retryAfter":"5"}]'
//   curl -X PUT  localhost:4100/_control/default -d '{"kind":"stall"}'
//   curl localhost:4100/_control/received
import { Behaviour, PartnerSimulator, accept, drop, fail, slow, stall } from './partner-simulator/simulator';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function behaviour(spec: string): Behaviour {
  const [kind, value] = spec.split(':');
  if (kind === 'accept') return accept();
  if (kind === 'fail') return fail(Number(value ?? 503));
  if (kind === '429') return fail(429, value ?? '1');
  if (kind === 'stall') return stall();
  if (kind === 'drop') return drop();
  if (kind === 'slow') return slow(Number(value ?? 1000));
  throw new Error(`unknown behaviour ${spec}: use accept, fail:<status>, 429:<seconds>, stall, drop or slow:<ms>`);
}

async function main(): Promise<void> {
  const simulator = await PartnerSimulator.start({ port: Number(arg('port') ?? 4100), host: arg('host') ?? '127.0.0.1', expectToken: arg('token') });
  simulator.always(behaviour(arg('default') ?? 'accept'));
  console.log(`partner simulator on ${simulator.url} (envelopes: POST ${simulator.url}/v1/exchange/envelopes)`);
  const stop = (): void => {
    console.log(`received ${simulator.received.length} request(s), stored ${simulator.stored.size} envelope(s)`);
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
