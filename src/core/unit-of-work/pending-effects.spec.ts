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
});
