import { buildCertificate, TEST_NOW } from '../testing/build-certificate';
import { checkRule, TEST_CATALOG } from '../testing/rule-test-kit';
import { retroactiveFlagRequiredRule } from './retroactive-flag-required.rule';
// TEST_NOW is Tuesday 2026-05-12. RCEP: 3 working days of grace, 365 days' limit; ATIGA: 3 calendar days.

process.env.TZ = 'UTC';

describe('CO-RETRO-001 shipped before the grace: flag required', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(retroactiveFlagRequiredRule, buildCertificate())).toEqual([]);
  });

  const shippedOn = (departureDate: string, issuedRetroactively = false) =>
    buildCertificate({ issuedRetroactively, transport: { ...buildCertificate().transport, departureDate } });

  it('reports a certificate issued 4 working days after shipment without the flag', () => {
    // Wednesday 6 May + 3 working days = Monday 11 May; issued Tuesday 12 May.
    expect(checkRule(retroactiveFlagRequiredRule, shippedOn('2026-05-06'))).toEqual([['CO-RETRO-001', 'error', 'issuedRetroactively']]);
  });

  it('counts working days: shipped Friday 8 May, issued Tuesday 12 May is within grace', () => {
    expect(checkRule(retroactiveFlagRequiredRule, shippedOn('2026-05-08'))).toEqual([]);
  });

  it('counts calendar days under ATIGA: shipped 8 May, issued 12 May needs the flag', () => {
    const doc = { ...shippedOn('2026-05-08'), agreement: 'ATIGA', importCountry: 'VN' };
    expect(checkRule(retroactiveFlagRequiredRule, doc, { profile: TEST_CATALOG.resolve('ATIGA', TEST_NOW) })).toEqual([
      ['CO-RETRO-001', 'error', 'issuedRetroactively'],
    ]);
  });

  it('accepts the flag set, and leaves shipments beyond the limit to CO-RETRO-003', () => {
    expect(checkRule(retroactiveFlagRequiredRule, shippedOn('2026-05-06', true))).toEqual([]);
    expect(checkRule(retroactiveFlagRequiredRule, shippedOn('2025-05-01'))).toEqual([]);
  });
});
