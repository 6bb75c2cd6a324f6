// Whether issuance slows down as the tables fill: certificates created and issued through the API
// (`npm start`, 1 API process, a local customs authority receiving each, as in the speed scenario)
// in consecutive windows on a hub that starts empty each round, the last window against the first,
// and the CPU PostgreSQL spends per certificate in each. On a server with autovacuum off, plans a
// named statement kept from its first calls once made PostgreSQL's share grow window by window
// (core/database/prepared-statements.ts, PLANNED_PER_CALL); a flat line is what this checks.
import { Client } from 'pg';
import { HubProcess } from '../support/hub-process';
import { apiKeyOf, issueOnce, prepareIssuer } from '../support/issuing';
import { runLoad } from '../support/load';
import { cpuPerOperation, cpuSnapshot } from '../support/process-cpu';
import { Figure, Scenario } from '../support/scenario';

interface Window {
  perSecond: number;
  postgresMs: number;
  apiMs: number;
}

async function certificatesStored(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM certificates')).rows[0].n);
  } finally {
    await client.end();
  }
}

const scenario: Scenario = {
  description: 'create + issue in consecutive windows on a hub that starts empty: the last window against the first, and PostgreSQL CPU per certificate',
  options: { windows: 6, seconds: 10, clients: 10 },
  async start(context) {
    const windows = context.option('windows');
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    if (windows < 2) throw new Error('--windows must be at least 2');
    return {
      async round() {
        const hub = await HubProcess.startAsUsers(1, { LOG_LEVEL: 'info' });
        try {
          const issuer = await prepareIssuer(hub, { devKey: true });
          await apiKeyOf(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
          // Not measured: the processes' first seconds (compilation, caches filling) would make window 1 slow.
          await runLoad('warm-up', clients, Math.min(5, seconds), () => issueOnce(hub, issuer));
          const measured: Window[] = [];
          for (let w = 0; w < windows; w++) {
            const before = cpuSnapshot();
            const result = await runLoad(`window ${w + 1}`, clients, seconds, () => issueOnce(hub, issuer));
            if (result.errors > 0) throw new Error(`${result.errors} creates or issues failed in window ${w + 1}: check the hub log`);
            const cpu = cpuPerOperation(before, cpuSnapshot(), result.perSecond * seconds);
            measured.push({ perSecond: result.perSecond, postgresMs: cpu['cpuMs.postgres'] ?? NaN, apiMs: cpu['cpuMs.api'] ?? NaN });
            context.log(`  window ${w + 1}: ${result.perSecond.toFixed(0)} /s, PostgreSQL ${measured[w].postgresMs} ms and the API ${measured[w].apiMs} ms of CPU per certificate`);
          }
          const stored = await certificatesStored(hub.databaseUrl as string);
          const first = measured[0];
          const last = measured[measured.length - 1];
          const each = (pick: (w: Window) => number) => Object.fromEntries(measured.map((w, i) => [`window${i + 1}`, pick(w)]));
          return [
            {
              figure: `create + issue, window ${windows} of ${windows} (${seconds} s each), 1 API process`,
              unit: '/s',
              hub: last.perSecond,
              reference: { label: 'window 1', value: first.perSecond },
              detail: { certificatesStored: stored, ...each((w) => w.perSecond) },
            },
            {
              figure: `PostgreSQL CPU per certificate, window ${windows} of ${windows}`,
              unit: 'ms',
              hub: last.postgresMs,
              reference: { label: 'window 1', value: first.postgresMs },
              detail: each((w) => w.postgresMs),
            },
          ] satisfies Figure[];
        } finally {
          await hub.stop();
        }
      },
      stop: async () => undefined,
    };
  },
};

export default scenario;
