import type { Violation } from '../../core/errors/violation';
import { ruleDifferences } from './rule-differences';

const warning = (ruleId: string, path: string): Violation => ({ ruleId, path, severity: 'warning', message: `${ruleId} at ${path}` });

describe("the rules' answer at approval against the one at submission", () => {
  it('is empty when nothing moved', () => {
    expect(ruleDifferences([warning('CO-HS-002', 'items[0].hsCode')], [warning('CO-HS-002', 'items[0].hsCode')])).toEqual([]);
  });

  it('names what appeared and what went away', () => {
    expect(ruleDifferences([warning('CO-RET-001', 'issuedRetroactively')], [warning('CO-HS-009', 'items[0].hsCode')])).toEqual([
      { change: 'NEW', ruleId: 'CO-HS-009', path: 'items[0].hsCode', message: 'CO-HS-009 at items[0].hsCode' },
      { change: 'GONE', ruleId: 'CO-RET-001', path: 'issuedRetroactively', message: 'CO-RET-001 at issuedRetroactively' },
    ]);
  });
});
