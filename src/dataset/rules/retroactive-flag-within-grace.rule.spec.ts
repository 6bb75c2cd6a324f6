import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { retroactiveFlagWithinGraceRule } from './retroactive-flag-within-grace.rule';
// TEST_NOW is Tuesday 2026-05-12. RCEP: 3 working days of grace, 365 days' limit; ATIGA: 3 calendar days.

process.env.TZ = 'UTC';

describe('CO-RETRO-002 flag set within the grace', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(retroactiveFlagWithinGraceRule, buildCertificate())).toEqual([]);
  });

  const shippedOn = (departureDate: string, issuedRetroactively: boolean) =>
    buildCertificate({ issuedRetroactively, transport: { ...buildCertificate().transport, departureDate } });

  it('warns about the flag on a certificate issued within the grace', () => {
    expect(checkRule(retroactiveFlagWithinGraceRule, shippedOn('2026-05-08', true))).toEqual([['CO-RETRO-002', 'warning', 'issuedRetroactively']]);
  });

  it('warns about the flag on a certificate issued before shipment', () => {
    expect(checkRule(retroactiveFlagWithinGraceRule, shippedOn('2026-05-20', true))).toEqual([['CO-RETRO-002', 'warning', 'issuedRetroactively']]);
  });

  it('accepts the flag after the grace', () => {
    expect(checkRule(retroactiveFlagWithinGraceRule, shippedOn('2026-05-06', true))).toEqual([]);
  });
});
