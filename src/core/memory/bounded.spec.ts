import { BoundedMap } from './bounded';

describe('BoundedMap', () => {
  it('keeps at most its limit, the oldest insertion leaving first (fifo: a read does not keep an entry)', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
    expect(map.get('a')).toBeUndefined();
  });

  it('in lru order keeps what was read last, and an update makes an entry the newest', () => {
    const map = new BoundedMap<string, number>(2, 'lru');
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([...map.entries()]).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    map.set('a', 10).set('d', 4);
    expect([...map.entries()]).toEqual([
      ['a', 10],
      ['d', 4],
    ]);
  });

  it('an update of a present key in fifo order keeps its place and the size', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 5);
    expect([...map.entries()]).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
  });

  it('refuses a limit below one', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });
});
