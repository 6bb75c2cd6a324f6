import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { ucrFormatRule } from './ucr-format.rule';

process.env.TZ = 'UTC';

describe('CO-UCR-001 UCR in the WCO format', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(ucrFormatRule, buildCertificate())).toEqual([]);
  });

  it.each([
    ['lower case', '6th0105561000001-CFF26051201'],
    ['a slash', '6TH0105561000001-CFF/26051201'],
    ['a colon', '6TH0105561000001-CFF:26051201'],
    ['no year digit', 'TH0105561000001-CFF26051201'],
    ['no hyphen', '6TH0105561000001CFF26051201'],
    ['an unknown country', '6XX0105561000001-CFF26051201'],
    ['36 characters', '6TH0105561000001-CFF2605120100000000'],
  ])('reports a UCR with %s', (_case, ucr) => {
    expect(checkRule(ucrFormatRule, buildCertificate({ ucr }))).toEqual([['CO-UCR-001', 'error', 'ucr']]);
  });

  it('accepts 35 characters and a certificate without UCR', () => {
    expect(checkRule(ucrFormatRule, buildCertificate({ ucr: '6TH0105561000001-CFF260512010000000' }))).toEqual([]);
    expect(checkRule(ucrFormatRule, buildCertificate({ ucr: undefined }))).toEqual([]);
  });
});
