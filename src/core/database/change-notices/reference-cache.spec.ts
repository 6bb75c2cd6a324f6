import { ReferenceCache } from './reference-cache';

describe('ReferenceCache', () => {
  it('loads a key once while live, and again after its eviction', async () => {
    const cache = new ReferenceCache<number>('t', () => true);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    cache.evict('a');
    expect(await cache.get('a', load)).toBe(2);
  });

  it('keeps nothing and always loads while not live (no change notices heard)', async () => {
    let live = false;
    const cache = new ReferenceCache<number>('t', () => live);
    let loads = 0;
    await cache.get('a', async () => ++loads);
    await cache.get('a', async () => ++loads);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
    live = true;
    await cache.get('a', async () => ++loads);
    expect(cache.size).toBe(1);
  });

  it('does not keep a value whose load began before an eviction', async () => {
    const cache = new ReferenceCache<string>('t', () => true);
    let release!: () => void;
    const pending = cache.get('a', () => new Promise<string>((resolve) => (release = () => resolve('stale'))));
    cache.evict();
    release();
    expect(await pending).toBe('stale');
    expect(await cache.get('a', async () => 'fresh')).toBe('fresh');
  });

  it('drops the oldest entry past its bound', async () => {
    const cache = new ReferenceCache<string>('t', () => true, 2);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
  });
});

describe('ReferenceCache keep', () => {
  it('does not keep a value the caller says not to keep', async () => {
    const cache = new ReferenceCache<string | null>('t', () => true);
    await cache.get('missing', async () => null, (v) => v !== null);
    expect(cache.size).toBe(0);
    expect(await cache.get('missing', async () => 'now there')).toBe('now there');
  });
});
