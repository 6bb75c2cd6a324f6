import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { createDataSource } from '../../src/core/database/data-source';

// The hub's pool keeps the connections a burst of calls opened, so the next burst after a pause finds
// its PostgreSQL backends (their catalog caches and named statements) where the last one left them.
// The pause is jest's clock, past node-postgres' idle timeout: the pool's own timers are faked, its
// sockets and PostgreSQL are real. A pool with node-postgres' defaults, taken the same way, closes
// them: the check can tell the two apart.

const BURST = 3;
const PAUSE_MS = 60_000;

/** `BURST` calls at once, each holding its connection a moment: the backend of each. */
async function burst(query: (sql: string) => Promise<{ pid: number }[]>): Promise<Set<number>> {
  const rows = await Promise.all(Array.from({ length: BURST }, () => query('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')));
  return new Set(rows.map((r) => Number(r[0].pid)));
}

async function alive(pids: Set<number>): Promise<number> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])', [[...pids]]);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL pool of a hub on a database server', () => {
  let dataSource: DataSource | undefined;
  let control: Pool | undefined;

  afterEach(async () => {
    jest.useRealTimers();
    await dataSource?.destroy();
    await control?.end();
    dataSource = control = undefined;
  });

  const fakeClock = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });

  it('keeps the connections a burst opened through a pause, and serves the next burst on the same backends; with keepalive on its sockets', async () => {
    dataSource = createDataSource(process.env.DATABASE_URL);
    await dataSource.initialize();
    const pool = (dataSource.driver as PostgresDriver).master as Pool & { options: Record<string, unknown> };
    expect(pool.options.max as number).toBeGreaterThanOrEqual(BURST);
    fakeClock();
    const first = await burst((sql) => dataSource!.query(sql));
    expect(first.size).toBe(BURST);
    jest.advanceTimersByTime(PAUSE_MS);
    jest.useRealTimers();
    expect(pool.totalCount).toBeGreaterThanOrEqual(BURST);
    expect(await alive(first)).toBe(BURST);
    const second = await burst((sql) => dataSource!.query(sql));
    expect([...second].filter((pid) => first.has(pid))).toHaveLength(BURST);
    expect(pool.options).toMatchObject({ keepAlive: true, keepAliveInitialDelayMillis: 60_000 });
  });

  it("closes them with node-postgres' defaults (the control: the pause is long enough to tell)", async () => {
    control = new Pool({ connectionString: process.env.DATABASE_URL, max: BURST });
    fakeClock();
    const first = await burst(async (sql) => (await control!.query(sql)).rows);
    expect(first.size).toBe(BURST);
    jest.advanceTimersByTime(PAUSE_MS);
    jest.useRealTimers();
    expect(control.totalCount).toBe(0);
    const second = await burst(async (sql) => (await control!.query(sql)).rows);
    expect([...second].filter((pid) => first.has(pid))).toHaveLength(0);
  });
});
