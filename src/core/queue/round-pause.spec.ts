import { RoundPause } from './round-pause';

describe('RoundPause', () => {
  it('ends a pause when woken', async () => {
    const pause = new RoundPause();
    const slept = pause.sleep(3_600_000);
    pause.wake();
    await expect(slept).resolves.toBeUndefined();
  });

  it('ends the next pause at once when woken between pauses, and only that one', async () => {
    const pause = new RoundPause();
    pause.wake();
    pause.wake();
    await expect(pause.sleep(3_600_000)).resolves.toBeUndefined();
    let ended = false;
    const next = pause.sleep(3_600_000).then(() => void (ended = true));
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    pause.wake();
    await next;
    expect(ended).toBe(true);
  });

  it('ends by itself after its time', async () => {
    await expect(new RoundPause().sleep(1)).resolves.toBeUndefined();
  });
});
