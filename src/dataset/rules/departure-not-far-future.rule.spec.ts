import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { departureNotFarFutureRule } from './departure-not-far-future.rule';

process.env.TZ = 'UTC';

describe('CO-TRN-001 departure not far in the future', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(departureNotFarFutureRule, buildCertificate())).toEqual([]);
  });

  const departingOn = (departureDate: string) => buildCertificate({ transport: { ...buildCertificate().transport, departureDate } });

  it('warns about a departure more than 90 days after issue', () => {
    expect(checkRule(departureNotFarFutureRule, departingOn('2026-08-11'))).toEqual([['CO-TRN-001', 'warning', 'transport.departureDate']]);
  });

  it('accepts a departure 90 days after issue', () => {
    expect(checkRule(departureNotFarFutureRule, departingOn('2026-08-10'))).toEqual([]);
  });
});
