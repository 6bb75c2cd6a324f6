import type { EntityManager } from 'typeorm';
import { EffectFlusher, EffectKind, effectKind } from './effects';
import { PendingEffects } from './pending-effects';

const FIRST = effectKind<string>('first', 10);
const LAST = effectKind<number>('last', 100);
const UNKNOWN = effectKind<string>('unknown', 50);

function pending(): { effects: PendingEffects; ran: string[] } {
  const ran: string[] = [];
  const flushers = new Map<EffectKind<unknown>, EffectFlusher<unknown>>([
    [LAST as EffectKind<unknown>, { flush: async () => undefined, afterCommit: async (e) => void ran.push(`last:${e.join(',')}`) }],
    [FIRST as EffectKind<unknown>, { flush: async () => undefined }],
  ]);
  return { effects: new PendingEffects({} as EntityManager, flushers), ran };
}

describe('PendingEffects', () => {
  it('gives the batches in kind order, each with its effects in the order they were added', () => {
    const { effects } = pending();
    effects.add(LAST, 1);
    effects.add(FIRST, 'a', 'b');
    effects.add(LAST, 2, 3);
    expect(effects.seal().map((b) => [b.kind.name, b.effects])).toEqual([
      ['first', ['a', 'b']],
      ['last', [1, 2, 3]],
    ]);
  });

  it('refuses a kind nobody registered, at once', () => {
    const { effects } = pending();
    expect(() => effects.add(UNKNOWN, 'x')).toThrow('No flusher registered for effect unknown');
  });

  it('refuses effects and hooks once flushed', () => {
    const { effects } = pending();
    effects.seal();
    expect(() => effects.add(FIRST, 'late')).toThrow('added after its unit of work was flushed');
    expect(() => effects.afterCommit(async () => undefined)).toThrow('added after its unit of work was flushed');
  });

  it('runs the kinds after-commit steps first, in kind order, then the ad hoc hooks in the order they came', async () => {
    const { effects, ran } = pending();
    effects.afterCommit(async () => void ran.push('hook-1'));
    effects.add(LAST, 7);
    effects.afterCommit(async () => void ran.push('hook-2'));
    effects.seal();
    for (const step of effects.afterCommitSteps()) await step();
    expect(ran).toEqual(['last:7', 'hook-1', 'hook-2']);
  });

  it('leaves out a kind that was touched with no effects', () => {
    const { effects } = pending();
    effects.add(FIRST);
    expect(effects.seal()).toEqual([]);
  });

  describe('savepoint', () => {
    function inTransaction(): { effects: PendingEffects; statements: string[] } {
      const statements: string[] = [];
      const manager = { query: async (sql: string) => void statements.push(sql) } as unknown as EntityManager;
      const flushers = new Map<EffectKind<unknown>, EffectFlusher<unknown>>([
        [FIRST as EffectKind<unknown>, { flush: async () => undefined }],
        [LAST as EffectKind<unknown>, { flush: async () => undefined }],
      ]);
      return { effects: new PendingEffects(manager, flushers), statements };
    }

    it('keeps the effects and hooks of work that succeeded, after those added before, and leaves its savepoint for the commit to release', async () => {
      const { effects, statements } = inTransaction();
      const ran: string[] = [];
      effects.add(FIRST, 'before');
      const value = await effects.savepoint(async (tx) => {
        tx.add(FIRST, 'inside');
        tx.add(LAST, 9);
        tx.afterCommit(async () => void ran.push('inner hook'));
        return 'kept';
      });
      expect(value).toBe('kept');
      expect(statements).toEqual(['SAVEPOINT uow_1']);
      expect(effects.seal().map((b) => [b.kind.name, b.effects])).toEqual([
        ['first', ['before', 'inside']],
        ['last', [9]],
      ]);
      for (const step of effects.afterCommitSteps()) await step();
      expect(ran).toEqual(['inner hook']);
    });

    it('rolls back to the savepoint, drops the effects and hooks of work that threw, and rethrows', async () => {
      const { effects, statements } = inTransaction();
      const ran: string[] = [];
      let leaked: { add(kind: EffectKind<string>, ...e: string[]): void } | undefined;
      await expect(
        effects.savepoint(async (tx) => {
          leaked = tx;
          tx.add(FIRST, 'dropped');
          tx.afterCommit(async () => void ran.push('dropped hook'));
          throw new Error('item refused');
        }),
      ).rejects.toThrow('item refused');
      expect(statements).toEqual(['SAVEPOINT uow_1', 'ROLLBACK TO SAVEPOINT uow_1; RELEASE SAVEPOINT uow_1']);
      expect(() => leaked!.add(FIRST, 'late')).toThrow('added after its unit of work was flushed');
      effects.add(FIRST, 'after');
      expect(effects.seal().map((b) => b.effects)).toEqual([['after']]);
      expect(effects.afterCommitSteps()).toEqual([]);
    });

    it('names nested savepoints apart, and a failing inner one leaves the outer one going', async () => {
      const { effects, statements } = inTransaction();
      await effects.savepoint(async (outer) => {
        outer.add(FIRST, 'outer');
        await expect(outer.savepoint(async () => Promise.reject(new Error('inner refused')))).rejects.toThrow('inner refused');
        await outer.savepoint(async (inner) => inner.add(FIRST, 'inner'));
      });
      expect(statements).toEqual(['SAVEPOINT uow_1', 'SAVEPOINT uow_2', 'ROLLBACK TO SAVEPOINT uow_2; RELEASE SAVEPOINT uow_2', 'SAVEPOINT uow_3']);
      expect(effects.seal().map((b) => b.effects)).toEqual([['outer', 'inner']]);
    });

    it('releases the savepoint of the work that succeeded last in the statement that opens the next one, one round trip for both', async () => {
      const { effects, statements } = inTransaction();
      await effects.savepoint(async (tx) => tx.add(FIRST, 'one'));
      await expect(effects.savepoint(async () => Promise.reject(new Error('two refused')))).rejects.toThrow('two refused');
      await effects.savepoint(async (tx) => {
        tx.add(FIRST, 'three');
        // Within it, an inner one left unreleased is released with it.
        await tx.savepoint(async (inner) => inner.add(FIRST, 'three, inside'));
      });
      await effects.savepoint(async (tx) => tx.add(FIRST, 'four'));
      // An outer one that fails takes an unreleased inner one with it: nothing is released twice.
      await expect(
        effects.savepoint(async (tx) => {
          await tx.savepoint(async (inner) => inner.add(FIRST, 'five, inside'));
          throw new Error('five refused');
        }),
      ).rejects.toThrow('five refused');
      await effects.savepoint(async (tx) => tx.add(FIRST, 'six'));
      expect(statements).toEqual([
        'SAVEPOINT uow_1',
        'RELEASE SAVEPOINT uow_1; SAVEPOINT uow_2',
        'ROLLBACK TO SAVEPOINT uow_2; RELEASE SAVEPOINT uow_2',
        'SAVEPOINT uow_3',
        'SAVEPOINT uow_4',
        'RELEASE SAVEPOINT uow_3; SAVEPOINT uow_5',
        'RELEASE SAVEPOINT uow_5; SAVEPOINT uow_6',
        'SAVEPOINT uow_7',
        'ROLLBACK TO SAVEPOINT uow_6; RELEASE SAVEPOINT uow_6',
        'SAVEPOINT uow_8',
      ]);
      expect(effects.seal().map((b) => b.effects)).toEqual([['one', 'three', 'three, inside', 'four', 'six']]);
    });
  });
});

describe('PendingEffects.flushWith', () => {
  const FIRST = effectKind<string>('first', 10);
  const LAST = effectKind<number>('last', 100);

  it('writes what was collected with the lead, goes on collecting, and runs every after-commit step once committed', async () => {
    const written: string[] = [];
    const ran: string[] = [];
    const flushers = new Map<EffectKind<unknown>, EffectFlusher<unknown>>([
      [FIRST as EffectKind<unknown>, { afterCommit: async (e) => void ran.push(`first:${e.join(',')}`) }],
      [LAST as EffectKind<unknown>, { afterCommit: async (e) => void ran.push(`last:${e.join(',')}`) }],
    ]);
    const manager = { query: async () => undefined } as unknown as EntityManager;
    const effects = new PendingEffects(manager, flushers, async (batches, lead) => {
      written.push(`${lead?.text ?? 'no lead'} with ${batches.map((b) => `${b.kind.name}:${b.effects.join(',')}`).join(' ')}`);
      return [{ ok: true }];
    });
    effects.add(FIRST, 'a');
    await effects.savepoint(async (tx) => {
      tx.add(LAST, 1);
      expect(await tx.flushWith({ text: 'INSERT lead', values: [] })).toEqual([{ ok: true }]);
      tx.add(FIRST, 'b');
    });
    expect(written).toEqual(['INSERT lead with last:1']);
    expect(effects.seal().map((b) => [b.kind.name, b.effects])).toEqual([['first', ['a', 'b']]]);
    for (const step of effects.afterCommitSteps()) await step();
    expect(ran).toEqual(['first:a,b', 'last:1']);
  });

  it('flush writes what was collected since, without a lead, inside the savepoint; nothing is written twice', async () => {
    const written: string[] = [];
    const manager = { query: async () => undefined } as unknown as EntityManager;
    const flushers = new Map<EffectKind<unknown>, EffectFlusher<unknown>>([
      [FIRST as EffectKind<unknown>, {}],
      [LAST as EffectKind<unknown>, {}],
    ]);
    const effects = new PendingEffects(manager, flushers, async (batches, lead) => {
      written.push(`${lead?.text ?? 'no lead'} with ${batches.map((b) => `${b.kind.name}:${b.effects.join(',')}`).join(' ')}`);
      return [];
    });
    await effects.savepoint(async (tx) => {
      tx.add(LAST, 1);
      await tx.flushWith({ text: 'INSERT lead', values: [] });
      tx.add(FIRST, 'after the lead');
      tx.add(LAST, 2);
      await tx.flush();
    });
    expect(written).toEqual(['INSERT lead with last:1', 'no lead with first:after the lead last:2']);
    expect(effects.seal()).toEqual([]);
  });
});
