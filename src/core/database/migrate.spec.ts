import { autovacuumWarning } from './migrate';

describe('autovacuumWarning', () => {
  it('says what autovacuum off leads to, and what to do', () => {
    const warning = autovacuumWarning('off');
    expect(warning).toContain('autovacuum off');
    expect(warning).toContain('dead rows');
    expect(warning).toContain('VACUUM ANALYZE');
  });

  it('says nothing when the server vacuums on its own', () => {
    expect(autovacuumWarning('on')).toBeUndefined();
  });
});
