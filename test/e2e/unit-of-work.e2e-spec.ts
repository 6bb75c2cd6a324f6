import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { REPLAN_STATEMENT } from '../../src/core/database/prepared-statements';
import { CONDITION_FAILED_SQLSTATE, effectKind, type WriteCondition } from '../../src/core/unit-of-work/effects';
import { isPlainRead, UnitOfWork } from '../../src/core/unit-of-work/unit-of-work';
import { UnitOfWorkFlush } from '../../src/core/unit-of-work/unit-of-work-flush';

// The unit of work on real PostgreSQL: effects written once, in kind order, in the transaction of
// the work; after-commit steps only once that transaction committed; nothing at all on a rollback.
describe('UnitOfWork on PostgreSQL', () => {
  const TABLE = `uow_spec_${randomBytes(3).toString('hex')}`;
  const EVENT = effectKind<string>('spec-event', 10);
  const AUDIT = effectKind<string>('spec-audit', 100);
  const BROKEN = effectKind<string>('spec-broken', 50);
  const NOTE = effectKind<string>('spec-note', 20);
  let dataSource: DataSource;
  let uow: UnitOfWork;
  const seen: string[][] = [];

  const insert = (manager: EntityManager, tag: string, kind: string, values: readonly string[]) =>
    manager.query(`INSERT INTO ${TABLE} (tag, kind, value) SELECT $1, $2, unnest($3::text[])`, [tag, kind, values]);
  const rowsOf = async (tag: string): Promise<string[]> =>
    (await dataSource.query(`SELECT kind, value FROM ${TABLE} WHERE tag = $1 ORDER BY seq`, [tag])).map((r: { kind: string; value: string }) => `${r.kind}:${r.value}`);

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE ${TABLE} (seq bigserial PRIMARY KEY, tag text NOT NULL, kind text NOT NULL, value text NOT NULL)`);
    uow = new UnitOfWork(dataSource, new UnitOfWorkFlush());
    // The audit kind is registered first and flushed last: the order is the kinds', not registration's.
    uow.register(AUDIT, {
      flush: (manager, values) => insert(manager, values[0].split('/')[0], 'audit', values.map((v) => v.split('/')[1])),
      // Read from outside the transaction: whatever this sees was committed.
      afterCommit: async (values) => void seen.push(await rowsOf(values[0].split('/')[0])),
    });
    uow.register(EVENT, { flush: (manager, values) => insert(manager, values[0].split('/')[0], 'event', values.map((v) => v.split('/')[1])) });
    uow.register(BROKEN, { flush: async () => Promise.reject(new Error('flush refused')) });
    // A kind with a statement form: its rows join the change's own statement.
    uow.register(NOTE, {
      statement: (values) => ({ text: `INSERT INTO ${TABLE} (tag, kind, value) SELECT $1, 'note', unnest($2::text[])`, values: [values[0].split('/')[0], values.map((v) => v.split('/')[1])] }),
      afterCommit: async (values) => void seen.push(await rowsOf(values[0].split('/')[0])),
    });
  });

  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await dataSource.destroy();
  });

  it('writes the work, then each kind in one go in kind order, commits, and only then runs the after-commit steps', async () => {
    const tag = 'commit';
    const hooks: string[] = [];
    const result = await uow.run(async (tx) => {
      tx.add(AUDIT, `${tag}/a1`);
      tx.add(EVENT, `${tag}/e1`, `${tag}/e2`);
      await insert(tx.manager, tag, 'work', ['w']);
      tx.add(AUDIT, `${tag}/a2`);
      tx.afterCommit(async () => void hooks.push(`hook saw ${(await rowsOf(tag)).length} rows`));
      // Nothing collected is written before the flush.
      expect(await tx.manager.query(`SELECT count(*)::int AS n FROM ${TABLE} WHERE tag = $1 AND kind <> 'work'`, [tag])).toEqual([{ n: 0 }]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await rowsOf(tag)).toEqual(['work:w', 'event:e1', 'event:e2', 'audit:a1', 'audit:a2']);
    expect(seen.at(-1)).toEqual(['work:w', 'event:e1', 'event:e2', 'audit:a1', 'audit:a2']);
    expect(hooks).toEqual(['hook saw 5 rows']);
  });

  it('writes nothing and runs nothing after when the work fails', async () => {
    const tag = 'work-fails';
    const hooks: string[] = [];
    const before = seen.length;
    await expect(
      uow.run(async (tx) => {
        await insert(tx.manager, tag, 'work', ['w']);
        tx.add(EVENT, `${tag}/e1`);
        tx.add(AUDIT, `${tag}/a1`);
        tx.afterCommit(async () => void hooks.push('ran'));
        throw new Error('refused by a rule');
      }),
    ).rejects.toThrow('refused by a rule');
    expect(await rowsOf(tag)).toEqual([]);
    expect(hooks).toEqual([]);
    expect(seen.length).toBe(before);
  });

  it('rolls the work back with its effects when a flush fails, and runs nothing after', async () => {
    const tag = 'flush-fails';
    const hooks: string[] = [];
    await expect(
      uow.run(async (tx) => {
        await insert(tx.manager, tag, 'work', ['w']);
        tx.add(EVENT, `${tag}/e1`);
        tx.add(BROKEN, 'x');
        tx.afterCommit(async () => void hooks.push('ran'));
      }),
    ).rejects.toThrow('flush refused');
    expect(await rowsOf(tag)).toEqual([]);
    expect(hooks).toEqual([]);
  });

  it('refuses an effect of a kind nobody registered, and the change with it', async () => {
    const tag = 'unregistered';
    await expect(
      uow.run(async (tx) => {
        await insert(tx.manager, tag, 'work', ['w']);
        tx.add(effectKind<string>('nobody-flushes-this', 1), 'x');
      }),
    ).rejects.toThrow('No flusher registered for effect nobody-flushes-this');
    expect(await rowsOf(tag)).toEqual([]);
  });

  it('keeps a committed change when an after-commit step fails, runs the other steps, and reports the failure', async () => {
    const tag = 'hook-fails';
    const hooks: string[] = [];
    await expect(
      uow.run(async (tx) => {
        await insert(tx.manager, tag, 'work', ['w']);
        tx.afterCommit(async () => Promise.reject(new Error('queue unreachable')));
        tx.afterCommit(async () => void hooks.push('second ran'));
      }),
    ).rejects.toThrow('queue unreachable');
    expect(await rowsOf(tag)).toEqual(['work:w']);
    expect(hooks).toEqual(['second ran']);
  });

  it('undoes only a failed savepoint, a database error included, and commits the rest with its effects', async () => {
    const tag = 'savepoints';
    const hooks: string[] = [];
    const outcomes = await uow.run(async (tx) => {
      const results: string[] = [];
      for (const item of ['a', 'broken', 'b']) {
        try {
          await tx.savepoint(async (inner) => {
            await insert(inner.manager, tag, 'work', [item]);
            inner.add(EVENT, `${tag}/${item}`);
            inner.afterCommit(async () => void hooks.push(item));
            // A statement PostgreSQL refuses aborts the transaction until it rolls back to the savepoint.
            if (item === 'broken') await inner.manager.query('SELECT 1 / 0');
          });
          results.push(`${item}:ok`);
        } catch (error) {
          results.push(`${item}:${(error as Error).message}`);
        }
      }
      return results;
    });
    expect(outcomes).toEqual(['a:ok', 'broken:division by zero', 'b:ok']);
    expect(await rowsOf(tag)).toEqual(['work:a', 'work:b', 'event:a', 'event:b']);
    expect(hooks).toEqual(['a', 'b']);
  });

  describe('a change run alone (runAlone)', () => {
    /** The statements the change sends while `work` runs, in order. */
    async function sent(work: () => Promise<unknown>): Promise<{ statements: string[]; outcome: unknown }> {
      const statements: string[] = [];
      const query = Client.prototype.query;
      // Records each text and hands the call on unchanged.
      const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
        const first = args[0] as string | { text?: string };
        statements.push(typeof first === 'string' ? first : String(first?.text));
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof Client.prototype.query);
      try {
        const outcome = await work().catch((error: Error) => error);
        // The after-commit steps' own reads (rowsOf) are not the change's, nor is a connection's
        // scheduled re-planning (ReplanSchedule), once per doubling of its calls.
        return { statements: statements.filter((text) => !text.startsWith('SELECT kind, value') && text !== REPLAN_STATEMENT), outcome };
      } finally {
        spy.mockRestore();
      }
    }
    const lead = (tag: string, value: string | null) => ({ text: `INSERT INTO ${TABLE} (tag, kind, value) VALUES ($1, 'lead', $2) RETURNING value`, values: [tag, value] });

    it('sends its write and its effects as one statement, without START or COMMIT, and runs the after-commit steps once it committed', async () => {
      const tag = 'alone';
      const hooks: string[] = [];
      const { statements, outcome } = await sent(() =>
        uow.runAlone(async (tx) => {
          tx.add(NOTE, `${tag}/n1`, `${tag}/n2`);
          tx.afterCommit(async () => void hooks.push(`hook saw ${(await rowsOf(tag)).length} rows`));
          const rows = await tx.flushWith(lead(tag, 'l'));
          return rows;
        }),
      );
      expect(outcome).toEqual([{ value: 'l' }]);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^WITH uow_0 AS \(INSERT INTO uow_spec_\w+ \(tag, kind, value\) SELECT .* INSERT INTO uow_spec_\w+ .* RETURNING value$/s);
      // One statement: the order of its rows is PostgreSQL's, so they are compared as a set.
      expect((await rowsOf(tag)).sort()).toEqual(['lead:l', 'note:n1', 'note:n2']);
      expect(seen.at(-1)?.sort()).toEqual(['lead:l', 'note:n1', 'note:n2']);
      expect(hooks).toEqual(['hook saw 3 rows']);
    });

    it('writes what it collected when it returns, in one statement', async () => {
      const tag = 'alone-effects';
      const { statements, outcome } = await sent(() => uow.runAlone(async (tx) => void tx.add(NOTE, `${tag}/n1`)));
      expect(outcome).toBeUndefined();
      expect(statements).toHaveLength(1);
      expect(await rowsOf(tag)).toEqual(['note:n1']);
    });

    it('writes nothing of the change when its statement fails', async () => {
      const tag = 'alone-fails';
      const { outcome } = await sent(() =>
        uow.runAlone(async (tx) => {
          tx.add(NOTE, `${tag}/n1`);
          // value is NOT NULL: PostgreSQL refuses the lead, and the effects beside it go with it.
          return tx.flushWith(lead(tag, null));
        }),
      );
      expect((outcome as Error).message).toMatch(/null value in column "value"/);
      expect(await rowsOf(tag)).toEqual([]);
    });

    // A condition that raises CONDITION_FAILED_SQLSTATE unless the gate row of `tag` holds `value`,
    // as a signing key's status is a condition of the statement that stores what it signed.
    const GATE = `${TABLE}_gate`;
    const gate = (tag: string, kept: string, log: string[]): WriteCondition => ({
      sql: { text: `${GATE}($1, $2)`, values: [tag, kept] },
      onFailure: () => void log.push(`forgot ${kept}`),
      failure: () => new Error(`the gate of ${tag} is no longer ${kept}`),
    });

    beforeAll(async () => {
      await dataSource.query(
        `CREATE FUNCTION ${GATE}(t text, v text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM ${TABLE} WHERE tag = t AND kind = 'gate' AND value = v) THEN
             RAISE EXCEPTION 'gate of % is not %', t, v USING ERRCODE = '${CONDITION_FAILED_SQLSTATE}';
           END IF;
           RETURN true;
         END $$`,
      );
    });

    afterAll(async () => {
      await dataSource.query(`DROP FUNCTION IF EXISTS ${GATE}(text, text)`);
    });

    it('runs once more, reading afresh, when a condition of its statement no longer held, and writes once', async () => {
      const tag = 'alone-stale';
      await dataSource.query(`INSERT INTO ${TABLE} (tag, kind, value) VALUES ($1, 'gate', 'new')`, [tag]);
      const log: string[] = [];
      const hooks: string[] = [];
      // What this process kept of the gate: stale at first, read again once its owner forgot it.
      let kept: string | undefined = 'old';
      const { statements, outcome } = await sent(() =>
        uow.runAlone(async (tx) => {
          kept ??= ((await dataSource.query(`SELECT value FROM ${TABLE} WHERE tag = $1 AND kind = 'gate'`, [tag])) as { value: string }[])[0].value;
          log.push(`attempt with ${kept}`);
          const condition = gate(tag, kept, log);
          tx.require({ ...condition, onFailure: () => (condition.onFailure(), (kept = undefined)) });
          tx.add(NOTE, `${tag}/n1`);
          tx.afterCommit(async () => void hooks.push('ran'));
          return tx.flushWith(lead(tag, 'l'));
        }),
      );
      expect(outcome).toEqual([{ value: 'l' }]);
      expect(log).toEqual(['attempt with old', 'forgot old', 'attempt with new']);
      // The refused statement, the fresh read, and the statement that wrote: no START, COMMIT or ROLLBACK.
      expect(statements.filter((text) => text.startsWith('WITH uow_check'))).toHaveLength(2);
      expect(statements.filter((text) => /^(START|BEGIN|COMMIT|ROLLBACK)/.test(text))).toEqual([]);
      expect((await rowsOf(tag)).sort()).toEqual(['gate:new', 'lead:l', 'note:n1']);
      expect(hooks).toEqual(['ran']);
    });

    it("fails with the condition's own error when it fails again, having written nothing and run nothing after", async () => {
      const tag = 'alone-revoked';
      await dataSource.query(`INSERT INTO ${TABLE} (tag, kind, value) VALUES ($1, 'gate', 'closed')`, [tag]);
      const log: string[] = [];
      const hooks: string[] = [];
      const { outcome } = await sent(() =>
        uow.runAlone(async (tx) => {
          tx.require(gate(tag, 'open', log));
          tx.add(NOTE, `${tag}/n1`);
          tx.afterCommit(async () => void hooks.push('ran'));
          return tx.flushWith(lead(tag, 'l'));
        }),
      );
      expect((outcome as Error).message).toBe(`the gate of ${tag} is no longer open`);
      expect(log).toEqual(['forgot open', 'forgot open']);
      expect(await rowsOf(tag)).toEqual(['gate:closed']);
      expect(hooks).toEqual([]);
    });

    it('refuses a query through its manager, and a kind without a statement form, before anything is written', async () => {
      const read = await sent(() => uow.runAlone(async (tx) => tx.manager.query('SELECT 1')));
      expect((read.outcome as Error).message).toMatch(/reads and writes nothing but its one statement/);
      expect(read.statements).toEqual([]);
      const tag = 'alone-unjoinable';
      const unjoinable = await sent(() =>
        uow.runAlone(async (tx) => {
          tx.add(NOTE, `${tag}/n1`);
          tx.add(EVENT, `${tag}/e1`);
        }),
      );
      expect((unjoinable.outcome as Error).message).toMatch(/Effect spec-event cannot join a statement/);
      expect(unjoinable.statements).toEqual([]);
      expect(await rowsOf(tag)).toEqual([]);
    });
    // runReadThenWrite: the reads go out on their own, and the write holds only while what they read holds.
    it('reads without START, writes one statement that holds only while the row read is unchanged, and runs once more when a change raced it', async () => {
      const tag = 'read-then-write';
      await dataSource.query(`INSERT INTO ${TABLE} (tag, kind, value) VALUES ($1, 'gate', 'v1')`, [tag]);
      const log: string[] = [];
      const hooks: string[] = [];
      let raced = false;
      const { statements, outcome } = await sent(() =>
        uow.runReadThenWrite(async (tx) => {
          const [read] = (await tx.manager.query(`SELECT value FROM ${TABLE} WHERE tag = $1 AND kind = 'gate'`, [tag])) as { value: string }[];
          log.push(`read ${read.value}`);
          tx.require(gate(tag, read.value, log));
          if (!raced) {
            raced = true;
            // Another change commits between this read and this write.
            await dataSource.query(`UPDATE ${TABLE} SET value = 'v2' WHERE tag = $1 AND kind = 'gate'`, [tag]);
          }
          tx.add(NOTE, `${tag}/n-${read.value}`);
          tx.afterCommit(async () => void hooks.push('ran'));
          return tx.flushWith(lead(tag, read.value));
        }),
      );
      expect(outcome).toEqual([{ value: 'v2' }]);
      expect(log).toEqual(['read v1', 'forgot v1', 'read v2']);
      expect(statements.filter((text) => /^(START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT)/.test(text))).toEqual([]);
      // Read, refused write, read again, write (the racing UPDATE is the spec's own).
      expect(statements.filter((text) => !text.startsWith('UPDATE')).map((text) => text.split(' ')[0])).toEqual(['SELECT', 'WITH', 'SELECT', 'WITH']);
      expect((await rowsOf(tag)).sort()).toEqual(['gate:v2', 'lead:v2', 'note:n-v2']);
      expect(hooks).toEqual(['ran']);
    });

    it('runs in a transaction, from the start, when the work sends anything but a plain read before its statement', async () => {
      const tag = 'read-then-write-tx';
      const attempts: string[] = [];
      const { statements, outcome } = await sent(() =>
        uow.runReadThenWrite(async (tx) => {
          attempts.push('attempt');
          await tx.manager.query(`SELECT count(*) FROM ${TABLE} WHERE tag = $1`, [tag]);
          // A write of its own (a rendition row, say): refused alone, so nothing of it is written twice.
          await insert(tx.manager, tag, 'work', ['w']);
          tx.add(NOTE, `${tag}/n1`);
          return tx.flushWith(lead(tag, 'l'));
        }),
      );
      expect(outcome).toEqual([{ value: 'l' }]);
      expect(attempts).toEqual(['attempt', 'attempt']);
      const transactional = statements.slice(statements.findIndex((text) => text.startsWith('START TRANSACTION')));
      expect(transactional[0]).toMatch(/^START TRANSACTION/);
      expect(transactional.at(-1)).toBe('COMMIT');
      expect(statements.filter((text) => text.startsWith('INSERT'))).toHaveLength(1);
      expect((await rowsOf(tag)).sort()).toEqual(['lead:l', 'note:n1', 'work:w']);
    });

    it('never runs again in a transaction once its statement committed: a query after it fails the change, and what it wrote stays once', async () => {
      const tag = 'read-then-write-after';
      const attempts: string[] = [];
      const { outcome } = await sent(() =>
        uow.runReadThenWrite(async (tx) => {
          attempts.push('attempt');
          const rows = await tx.flushWith(lead(tag, 'l'));
          await tx.manager.query('SELECT 1');
          return rows;
        }),
      );
      expect((outcome as Error).message).toMatch(/sends nothing after its one statement/);
      expect(attempts).toEqual(['attempt']);
      expect(await rowsOf(tag)).toEqual(['lead:l']);
    });

    it('takes only plain reads as reads', () => {
      expect(isPlainRead('SELECT * FROM certificates WHERE id = $1')).toBe(true);
      expect(isPlainRead('  select 1')).toBe(true);
      for (const text of [
        'SELECT * FROM certificates WHERE id = $1 FOR UPDATE',
        'SELECT id FROM signing_keys FOR  SHARE',
        'SELECT id FROM signing_keys FOR NO KEY UPDATE',
        "SELECT nextval('webhook_delivery_position')",
        'SELECT pg_advisory_xact_lock(1)',
        "SELECT pg_notify('x', 'y')",
        'SELECT ecoo_idempotency_claim($1, $2)',
        "SELECT set_config('a.b', 'c', true)",
        'WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x',
        'INSERT INTO t VALUES (1)',
        'SAVEPOINT typeorm_1',
      ])
        expect([text, isPlainRead(text)]).toEqual([text, false]);
    });
  });
});
