import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { originCountryIsPartyRule } from './origin-country-is-party.rule';

process.env.TZ = 'UTC';

describe('CO-ORIG-004 goods claiming preference originate in a Party', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(originCountryIsPartyRule, buildCertificate())).toEqual([]);
  });

  it('reports an item originating outside the Parties', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2, originCountry: 'US' })] });
    expect(checkRule(originCountryIsPartyRule, doc)).toEqual([['CO-ORIG-004', 'error', 'items[1].originCountry']]);
  });

  it('accepts goods of another Party (accumulation, back-to-back)', () => {
    const doc = buildCertificate({ items: [buildItem({ originCountry: 'VN' })] });
    expect(checkRule(originCountryIsPartyRule, doc)).toEqual([]);
  });
});
