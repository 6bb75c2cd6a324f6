import { StatementBatcher } from './statement-batcher';

// A statement the test answers by hand, so it decides when each group returns.
function manualStatement(): { run: (items: number[]) => Promise<string[]>; groups: number[][]; answer: (i: number) => void; fail: (i: number, error: Error) => void } {
  const groups: number[][] = [];
  const answers: { resolve: (r: string[]) => void; reject: (e: Error) => void }[] = [];
  return {
    groups,
    run: (items) =>
      new Promise<string[]>((resolve, reject) => {
        groups.push(items);
        answers.push({ resolve, reject });
      }),
    answer: (i) => answers[i].resolve(groups[i].map((n) => `row ${n}`)),
    fail: (i, error) => answers[i].reject(error),
  };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('StatementBatcher', () => {
  it('sends the calls of one turn as one statement, and what gathers behind it as the next', async () => {
    const statement = manualStatement();
    const batcher = new StatementBatcher(statement.run, { maxItems: 100, maxInFlight: 1 });
    const first = [1, 2, 3].map((n) => batcher.add(n));
    await turn();
    expect(statement.groups).toEqual([[1, 2, 3]]);
    const second = [4, 5].map((n) => batcher.add(n));
    await turn();
    // Still one statement in flight: the next calls wait for it.
    expect(statement.groups).toHaveLength(1);
    statement.answer(0);
    expect(await Promise.all(first)).toEqual(['row 1', 'row 2', 'row 3']);
    await turn();
    expect(statement.groups[1]).toEqual([4, 5]);
    statement.answer(1);
    expect(await Promise.all(second)).toEqual(['row 4', 'row 5']);
  });

  it('splits a crowd into statements of at most maxItems, up to maxInFlight at once', async () => {
    const statement = manualStatement();
    const batcher = new StatementBatcher(statement.run, { maxItems: 2, maxInFlight: 2 });
    const calls = [1, 2, 3, 4, 5].map((n) => batcher.add(n));
    await turn();
    expect(statement.groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    statement.answer(0);
    await turn();
    await turn();
    expect(statement.groups[2]).toEqual([5]);
    statement.answer(1);
    statement.answer(2);
    expect(await Promise.all(calls)).toEqual(['row 1', 'row 2', 'row 3', 'row 4', 'row 5']);
  });

  it('fails every call of a group whose statement failed, and carries on with the next', async () => {
    const statement = manualStatement();
    const batcher = new StatementBatcher(statement.run, { maxItems: 10, maxInFlight: 1 });
    const failed = [batcher.add(1), batcher.add(2)];
    await turn();
    const later = batcher.add(3);
    statement.fail(0, new Error('connection lost'));
    await expect(failed[0]).rejects.toThrow('connection lost');
    await expect(failed[1]).rejects.toThrow('connection lost');
    await turn();
    statement.answer(1);
    expect(await later).toBe('row 3');
  });
});
