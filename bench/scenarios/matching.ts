// Import declarations matched per second: POST /v1/import-declarations by `clients` concurrent
// clients, each declaration claiming a different certificate in full (MATCHED, with its ledger use),
// against `matching` received certificates seeded with SQL COPY, beside GET /health under the same
// load as the reference, alternating which goes first. The built hub runs API and worker in one
// process on a database of its own.
import { healthOnce, LoadResult, runLoad } from '../support/load';
import { SEED_CONSIGNEE, seededHub, seededNumber, seededUcr } from '../support/match-seed';
import { Scenario, alternate } from '../support/scenario';

const pick = (count: number) => Math.floor(Math.random() * count);

function declaration(certificate: number, number: string): Record<string, unknown> {
  return {
    declarationNumber: number,
    declarationDate: new Date().toISOString().slice(0, 10),
    ucr: seededUcr(certificate),
    certificateNumber: seededNumber(certificate),
    consignee: { id: SEED_CONSIGNEE.id, name: SEED_CONSIGNEE.name },
    agreement: 'RCEP',
    lines: [{ lineNumber: 1, hsCode: '10063090', originCountry: 'KH', quantity: { value: '25', unit: 'TNE' }, preferenceClaimed: true }],
  };
}

const scenario: Scenario = {
  description: 'import declarations matched per second against `matching` received certificates vs GET /health',
  options: { seconds: 10, clients: 10, matching: 100_000 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const size = context.option('matching');
    const { hub, customs } = await seededHub('matching hub', size, context.log);
    try {
      // Every declaration claims a different certificate in full, in a random order.
      const order = Array.from({ length: size }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      let next = 0;
      let partial = 0;
      const declare = async () => {
        const n = next++;
        if (n >= order.length) throw new Error('every seeded certificate was claimed: seed more or measure less');
        const res = await hub.json<{ match?: { status: string } }>('POST', '/v1/import-declarations', customs, declaration(order[n], `BENCH-${n}`));
        if (res.status === 201 && res.body.match?.status !== 'MATCHED') partial += 1;
        return res.status === 201 && res.body.match?.status === 'MATCHED';
      };
      for (let i = 0; i < 20; i++) await declare();
      return {
        async round(round) {
          const measured: Partial<Record<'health' | 'declare', LoadResult>> = {};
          for (const which of alternate(round, ['declare', 'health'] as const)) {
            measured[which] = which === 'health' ? await runLoad('GET /health', clients, seconds, () => healthOnce(hub.url)) : await runLoad('declarations', clients, seconds, declare);
          }
          const declared = measured.declare!;
          return [
            {
              figure: `declarations matched against ${size} certificates, ${clients} clients`,
              unit: '/s',
              hub: declared.perSecond,
              reference: { label: 'GET /health', value: measured.health!.perSecond },
              detail: { p50Ms: declared.p50Ms, p99Ms: declared.p99Ms, errors: declared.errors },
            },
          ];
        },
        async finish() {
          context.log(`${next} declared, ${partial} not MATCHED`);
        },
        stop: () => hub.stop(),
      };
    } catch (error) {
      await hub.stop();
      throw error;
    }
  },
};

export default scenario;
