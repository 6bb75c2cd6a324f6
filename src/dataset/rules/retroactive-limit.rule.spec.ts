import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { retroactiveLimitRule } from './retroactive-limit.rule';
// TEST_NOW is Tuesday 2026-05-12. RCEP: 3 working days of grace, 365 days' limit; ATIGA: 3 calendar days.

process.env.TZ = 'UTC';

describe('CO-RETRO-003 not issued beyond the retroactive limit', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(retroactiveLimitRule, buildCertificate())).toEqual([]);
  });

  const shippedOn = (departureDate: string) =>
    buildCertificate({ issuedRetroactively: true, transport: { ...buildCertificate().transport, departureDate } });

  it('reports issuance more than 365 days after shipment, flag or not', () => {
    expect(checkRule(retroactiveLimitRule, shippedOn('2025-05-11'))).toEqual([['CO-RETRO-003', 'error', 'transport.departureDate']]);
  });

  it('accepts issuance on the last day of the limit', () => {
    expect(checkRule(retroactiveLimitRule, shippedOn('2025-05-12'))).toEqual([]);
  });

  it('knows no limit for a non-preferential certificate', () => {
    const doc = { ...shippedOn('2020-01-01'), preferential: false, agreement: undefined };
    expect(checkRule(retroactiveLimitRule, doc)).toEqual([]);
  });
});
