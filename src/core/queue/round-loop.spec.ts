import { RoundLoop } from './round-loop';

// A loop driven by a script of rounds: each round takes the next answer (true: more waits; an Error: fails).
function scripted(answers: (boolean | Error)[], options: { pauseMs?: number } = {}) {
  const reports: string[] = [];
  const events: string[] = [];
  let calls = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const loop = new RoundLoop({
    pauseMs: options.pauseMs ?? 5,
    round: async () => {
      const answer = answers[calls++];
      events.push(`round ${calls}`);
      if (calls >= answers.length) done();
      if (answer instanceof Error) throw answer;
      return answer ?? false;
    },
    report: (message) => reports.push(message),
    afterFailure: async () => void events.push('after failure'),
  });
  return { loop, reports, events, finished, calls: () => calls };
}

describe('RoundLoop', () => {
  it('runs the next round at once while more work waits, and reports each distinct problem once', async () => {
    const run = scripted([true, new Error('PostgreSQL down'), new Error('PostgreSQL down'), new Error('other'), false, new Error('PostgreSQL down')]);
    run.loop.start();
    run.loop.start();
    await run.finished;
    await run.loop.stop();
    expect(run.events).toEqual(['round 1', 'round 2', 'after failure', 'round 3', 'after failure', 'round 4', 'after failure', 'round 5', 'round 6', 'after failure']);
    // The same problem again is not said again; after a good round it is.
    expect(run.reports).toEqual(['PostgreSQL down', 'other', 'PostgreSQL down']);
  });

  it('pauses after a round that left nothing waiting until woken, and stops without another round', async () => {
    const run = scripted([false, false, false], { pauseMs: 60_000 });
    run.loop.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(run.calls()).toBe(1);
    run.loop.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect(run.calls()).toBe(2);
    await run.loop.stop();
    expect(run.calls()).toBe(2);
    // Stopped: start does nothing.
    run.loop.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(run.calls()).toBe(2);
  });
});
