import { MAX_NAMED, PLANNED_PER_CALL, REPLAN_FIRST, REPLAN_MAX_INTERVAL, ReplanSchedule, StatementNames, namedQuery, plannedPerCall, serverDriverOption } from './prepared-statements';

describe('prepared statements', () => {
  const text = 'SELECT id FROM certificates WHERE certificate_number = $1';

  it('names a text with parameters by a digest of the text: the same text, the same name; another text, another name', () => {
    const names = new StatementNames();
    const first = namedQuery(names, [text, ['KH-1']]);
    const again = namedQuery(names, [text, ['KH-2']]);
    const other = namedQuery(names, ['SELECT id FROM certificates WHERE id = $1', ['x']]);
    expect(first).toEqual([{ name: expect.stringMatching(/^ecoo_[A-Za-z0-9_-]{32}$/), text, values: ['KH-1'] }, undefined]);
    expect((again[0] as { name: string }).name).toBe((first[0] as { name: string }).name);
    expect((again[0] as { values: unknown[] }).values).toEqual(['KH-2']);
    expect((other[0] as { name: string }).name).not.toBe((first[0] as { name: string }).name);
    expect(names.size).toBe(2);
  });

  it('keeps the callback where node-postgres expects it after a config object', () => {
    const callback = () => undefined;
    expect(namedQuery(new StatementNames(), [text, ['KH-1'], callback])[1]).toBe(callback);
  });

  it('leaves a statement without parameters, and a query given as an object, as they were', () => {
    const names = new StatementNames();
    const config = { text, values: ['KH-1'] };
    expect(namedQuery(names, ['COMMIT'])).toEqual(['COMMIT']);
    expect(namedQuery(names, ['START TRANSACTION', []])).toEqual(['START TRANSACTION', []]);
    expect(namedQuery(names, [config, undefined])[0]).toBe(config);
    expect(names.size).toBe(0);
  });

  it('sends a statement marked to be planned per call unnamed, its text and values as they were', () => {
    const names = new StatementNames();
    const marked = plannedPerCall('UPDATE deliveries d SET attempts = d.attempts + 1 FROM unnest($1::uuid[]) AS v(id) WHERE d.id = v.id');
    expect(marked.startsWith(PLANNED_PER_CALL)).toBe(true);
    expect(namedQuery(names, [marked, [['a', 'b']]])).toEqual([marked, [['a', 'b']]]);
    expect(names.size).toBe(0);
  });

  it('names at most its limit of texts, and sends any text beyond unnamed, while those named keep their names', () => {
    const names = new StatementNames(2);
    namedQuery(names, ['SELECT $1::int', [1]]);
    namedQuery(names, ['SELECT $1::text', ['a']]);
    expect(namedQuery(names, ['SELECT $1::date', ['2026-12-05']])).toEqual(['SELECT $1::date', ['2026-12-05']]);
    expect(namedQuery(names, ['SELECT $1::int', [2]])[0]).toEqual(expect.objectContaining({ text: 'SELECT $1::int', values: [2] }));
    expect(names.size).toBe(2);
    expect(MAX_NAMED).toBeGreaterThan(100);
  });

  it('gives TypeORM the naming driver in server mode unless HUB_DB_PREPARED_STATEMENTS is "false"', () => {
    expect(serverDriverOption({}).driver?.Pool.name).toBe('PreparingPool');
    expect(serverDriverOption({ HUB_DB_PREPARED_STATEMENTS: 'true' }).driver?.Pool.name).toBe('PreparingPool');
    expect(serverDriverOption({ HUB_DB_PREPARED_STATEMENTS: 'false' })).toEqual({});
  });

  it('makes a connection\'s plans afresh after 64 calls, 128, 256 and on, doubling up to every 2^20', () => {
    const calls = (schedule: ReplanSchedule, n: number) => Array.from({ length: n }, (_, i) => i + 1).filter(() => schedule.due());
    expect(calls(new ReplanSchedule(), 1100)).toEqual([REPLAN_FIRST, 128, 256, 512, 1024]);
    expect(calls(new ReplanSchedule(4, 16), 100)).toEqual([4, 8, 16, 32, 48, 64, 80, 96]);
    expect(REPLAN_MAX_INTERVAL).toBe(1 << 20);
  });
});
