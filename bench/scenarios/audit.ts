// Audit: concurrent writing transactions per second through the API (the audit log must not
// serialise the hub). <clients> closed-loop clients POST /v1/traders (one transaction: the trader row
// and its audit entry) for <seconds> s, spread over 1 or 2 API processes (`node dist/main.js`,
// LOG_LEVEL=warn), with
//   - "trigger" (the reference): the previous release's chaining (the AuditSequencer migration
//     reverted: its down puts back the BEFORE INSERT trigger that holds one advisory lock from the
//     append to the commit), no worker running;
//   - "sequencer": this release (appends take no lock), one worker process (`node dist/worker.js`)
//     running the sequencer with the default HUB_AUDIT_MAX_DELAY_MS.
// The API processes keep running across both: they append with the same INSERT either way. With the
// sequencer, the chaining delay of every entry appended in the run: from appended_at (the database
// clock at insert) to the time signed in the first checkpoint that covers it, p50 and p99.
// Each round runs the four cases, the order of the modes alternating from round to round, after 2 s
// of warm-up each. The chain is verified at the end.
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { AuditService } from '../../src/audit/audit.service';
import { Clock } from '../../src/core/clock/clock';
import { createDataSource } from '../../src/core/database/data-source';
import { AuditSequencer1796470000000 } from '../../src/core/database/migrations/1796470000000-AuditSequencer';
import { BENCH_ADMIN_TOKEN, BenchDatabase, BuiltProcess, hubEnv } from '../support/hub-process';
import { runLoad } from '../support/load';
import { Figure, Scenario, alternate } from '../support/scenario';

type Mode = 'trigger' | 'sequencer';

interface RunResult {
  round: number;
  mode: Mode;
  processes: number;
  perSecond: number;
  requestP50Ms: number;
  requestP99Ms: number;
  errors: number;
  delayP50Ms?: number;
  delayP99Ms?: number;
  delayMaxMs?: number;
  loadAverage: number[];
}

async function sequencerMigrationApplied(db: Client): Promise<boolean> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM schema_migrations WHERE name = $1', [AuditSequencer1796470000000.name]);
  return rows[0].n > 0;
}

// The previous release's trigger: the AuditSequencer migration (and any after it) reverted.
async function useMode(mode: Mode, databaseUrl: string, db: Client): Promise<void> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    if (mode === 'trigger') while (await sequencerMigrationApplied(db)) await dataSource.undoLastMigration({ transaction: 'each' });
    else await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function waitForChain(db: Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE seq IS NULL) AS waiting,
              (SELECT max(seq)::text FROM audit_log) AS head, (SELECT max(seq)::text FROM audit_checkpoints) AS covered`,
    );
    if (rows[0].waiting === 0 && rows[0].head === rows[0].covered) return;
    if (Date.now() > deadline) throw new Error(`the sequencer did not catch up: ${JSON.stringify(rows[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function chainingDelay(db: Client, afterArrival: string): Promise<{ p50: number; p99: number; max: number }> {
  const { rows } = await db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY d) AS p99, max(d) AS max
       FROM (SELECT extract(epoch FROM (SELECT c.signed_at FROM audit_checkpoints c WHERE c.seq >= l.seq ORDER BY c.seq LIMIT 1) - l.appended_at) * 1000 AS d
               FROM audit_log l WHERE l.arrival_no > $1) delays`,
    [afterArrival],
  );
  return { p50: Number(rows[0].p50), p99: Number(rows[0].p99), max: Number(rows[0].max) };
}

const scenario: Scenario = {
  description: 'concurrent writing transactions per second with the audit sequencer vs the previous trigger, 1 and 2 API processes; chaining delay',
  options: { clients: 32, seconds: 10 },
  async start(context) {
    const clients = context.option('clients');
    const seconds = context.option('seconds');
    const database = await BenchDatabase.create('bench_audit');
    const env = { ...hubEnv(), ...database.env() };
    const apis: BuiltProcess[] = [];
    let worker: BuiltProcess | undefined;
    const db = new Client({ connectionString: database.url });
    let counter = 0;
    const stop = async (): Promise<void> => {
      await worker?.stop();
      await Promise.all(apis.map((api) => api.stop()));
      await db.end().catch(() => undefined);
      await database.drop();
    };

    const measure = async (round: number, mode: Mode, processes: number): Promise<RunResult> => {
      await useMode(mode, database.url, db);
      if (mode === 'sequencer') worker = await BuiltProcess.worker(env);
      const write = (client: number): Promise<boolean> =>
        fetch(`${apis[client % processes].url}/v1/traders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: `KH-TIN-B${(counter += 1)}`, name: 'Bench trader', country: 'KH' }),
        }).then((r) => r.status === 201);
      await runLoad('warm-up', clients, 2, write);
      if (mode === 'sequencer') await waitForChain(db);
      const [{ arrival }] = mode === 'sequencer' ? (await db.query(`SELECT coalesce(max(arrival_no), 0)::text AS arrival FROM audit_log`)).rows : [{ arrival: '0' }];
      const loadAverage = loadavg();
      const load = await runLoad(`${mode} ${processes}p`, clients, seconds, write);
      const result: RunResult = { round, mode, processes, perSecond: load.perSecond, requestP50Ms: load.p50Ms, requestP99Ms: load.p99Ms, errors: load.errors, loadAverage };
      if (mode === 'sequencer') {
        await waitForChain(db);
        const delay = await chainingDelay(db, arrival);
        Object.assign(result, { delayP50Ms: delay.p50, delayP99Ms: delay.p99, delayMaxMs: delay.max });
        await worker!.stop();
        worker = undefined;
      }
      context.log(
        `${`${mode}, ${processes} API process${processes > 1 ? 'es' : ''}`.padEnd(32)} ${result.perSecond.toFixed(1).padStart(8)} tx/s  request p50 ${result.requestP50Ms.toFixed(1)} ms p99 ${result.requestP99Ms.toFixed(1)} ms` +
          (result.errors ? `  ${result.errors} errors` : '') +
          (result.delayP50Ms !== undefined ? `  chaining delay p50 ${result.delayP50Ms.toFixed(0)} ms p99 ${result.delayP99Ms!.toFixed(0)} ms max ${result.delayMaxMs!.toFixed(0)} ms` : '') +
          `  (load average before ${loadAverage.map((l) => l.toFixed(2)).join(' ')})`,
      );
      return result;
    };

    try {
      apis.push(await BuiltProcess.api(env), await BuiltProcess.api(env));
      await db.connect();
      context.log('POST /v1/traders (one trader and its audit entry per transaction)');
      return {
        async round(round) {
          const figures: Figure[] = [];
          for (const processes of [1, 2]) {
            const results: Partial<Record<Mode, RunResult>> = {};
            for (const mode of alternate<Mode>(round, ['sequencer', 'trigger'])) results[mode] = await measure(round, mode, processes);
            const sequencer = results.sequencer!;
            const trigger = results.trigger!;
            const label = `${processes} API process${processes > 1 ? 'es' : ''}, ${clients} clients`;
            figures.push(
              {
                figure: `writing transactions, ${label}`,
                unit: 'tx/s',
                hub: sequencer.perSecond,
                reference: { label: 'previous trigger', value: trigger.perSecond },
                detail: { requestP50Ms: sequencer.requestP50Ms, requestP99Ms: sequencer.requestP99Ms, triggerRequestP99Ms: trigger.requestP99Ms, errors: sequencer.errors + trigger.errors },
              },
              { figure: `chaining delay p50, ${label}`, unit: 'ms', hub: sequencer.delayP50Ms },
              { figure: `chaining delay p99, ${label}`, unit: 'ms', hub: sequencer.delayP99Ms, detail: { maxMs: sequencer.delayMaxMs! } },
            );
          }
          return figures;
        },
        async finish() {
          await useMode('sequencer', database.url, db);
          worker = await BuiltProcess.worker(env);
          await waitForChain(db);
          const dataSource = createDataSource(database.url);
          await dataSource.initialize();
          const verification = await new AuditService(dataSource, new Clock()).verify();
          await dataSource.destroy();
          if (!verification.ok) throw new Error(`the chain is broken after the bench: ${JSON.stringify(verification)}`);
          context.log(`chain intact afterwards: ${verification.checked} entries`);
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
