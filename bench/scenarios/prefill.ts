// Prefill latency against the size of the register: GET /v1/import-declarations/prefill (by UCR or by
// certificate number, alternately, as Japan's customs, random certificates) on a hub holding `large`
// received certificates against one holding `small`, alternating which goes first. Each is the built
// hub (API and worker in one process) on a database of its own, migrated at boot and seeded with SQL
// COPY. DESIGN.md section 9 holds the status query to a p99 ratio of 1.5 at 1 million against 10
// thousand; the prefill is held to the same.
import { HubProcess } from '../support/hub-process';
import { LoadResult, runLoad } from '../support/load';
import { seededHub, seededNumber, seededUcr } from '../support/match-seed';
import { Scenario, alternate } from '../support/scenario';

const pick = (count: number) => Math.floor(Math.random() * count);

async function prefillOnce(hub: HubProcess, customs: string, count: number, i: number): Promise<boolean> {
  const n = pick(count);
  const query = i % 2 === 0 ? `ucr=${seededUcr(n)}` : `certificateNumber=${seededNumber(n)}`;
  const res = await fetch(`${hub.url}/v1/import-declarations/prefill?${query}`, { headers: { authorization: `Bearer ${customs}` } });
  const body = (await res.json()) as { certificate?: { certificateNumber: string } };
  return res.status === 200 && body.certificate?.certificateNumber === seededNumber(n);
}

const scenario: Scenario = {
  description: 'prefill p99 with `large` received certificates vs `small` (seeded with COPY)',
  options: { seconds: 10, clients: 10, small: 10_000, large: 1_000_000 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const sizes = { small: context.option('small'), large: context.option('large') };
    const hubs: { size: 'small' | 'large'; hub: HubProcess; customs: string }[] = [];
    const stop = async () => void (await Promise.allSettled(hubs.map(({ hub }) => hub.stop())));
    try {
      for (const size of ['small', 'large'] as const) hubs.push({ size, ...(await seededHub(`${size} hub`, sizes[size], context.log)) });
      // Warm both: the first requests pay for connections and the catalog.
      for (let i = 0; i < 50; i++) await Promise.all(hubs.map(({ size, hub, customs }) => prefillOnce(hub, customs, sizes[size], i)));
      return {
        async round(round) {
          const measured: Partial<Record<'small' | 'large', LoadResult>> = {};
          for (const { size, hub, customs } of alternate(round, hubs)) measured[size] = await runLoad(`prefill @${sizes[size]}`, clients, seconds, (_c, i) => prefillOnce(hub, customs, sizes[size], i));
          const small = measured.small!;
          const large = measured.large!;
          return [
            {
              figure: `prefill p99 at ${sizes.large} certificates, ${clients} clients`,
              unit: 'ms',
              hub: large.p99Ms,
              reference: { label: `p99 at ${sizes.small}`, value: small.p99Ms },
              target: { on: 'ratio', atMost: 1.5 },
              detail: { largeP50Ms: large.p50Ms, smallP50Ms: small.p50Ms, largePerSecond: large.perSecond, smallPerSecond: small.perSecond, errors: large.errors + small.errors },
            },
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
