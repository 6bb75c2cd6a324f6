import { CheckedDrafts } from './checked-drafts';

describe('CheckedDrafts', () => {
  it('holds a draft only at the row version stored, until it is forgotten', () => {
    const drafts = new CheckedDrafts();
    expect(drafts.unchanged('a', '700')).toBe(false);
    drafts.stored('a', '700');
    expect(drafts.unchanged('a', '700')).toBe(true);
    // Written since (by the hub anywhere, or by hand): another row version, checked in full.
    expect(drafts.unchanged('a', '701')).toBe(false);
    expect(drafts.unchanged('a', undefined)).toBe(false);
    expect(drafts.unchanged('b', '700')).toBe(false);
    drafts.forget('a');
    expect(drafts.unchanged('a', '700')).toBe(false);
  });

  it('stores nothing for a write whose row version is unknown, and drops what it held for that draft', () => {
    const drafts = new CheckedDrafts();
    drafts.stored('a', '700');
    drafts.stored('a', undefined);
    expect(drafts.unchanged('a', '700')).toBe(false);
  });

  it('forgets the oldest past ten thousand drafts, so memory stays bounded under any load', () => {
    const drafts = new CheckedDrafts();
    for (let i = 0; i <= 10_000; i++) drafts.stored(`d${i}`, '1');
    expect(drafts.unchanged('d0', '1')).toBe(false);
    expect(drafts.unchanged('d1', '1')).toBe(true);
    expect(drafts.unchanged('d10000', '1')).toBe(true);
  });
});
