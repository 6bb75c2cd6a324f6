import { matchesFilter } from './subscription-filter';

const FACTS = { certificateId: 'c-1', agreement: 'RCEP', countries: ['KH', 'JP'] };
const NONE = { agreement: null, partnerCountry: null, certificateId: null };

describe('a subscription filter', () => {
  it('takes everything when empty', () => {
    expect(matchesFilter(NONE, FACTS)).toBe(true);
  });

  it('takes a certificate of the agreement, of either country, or the one named', () => {
    expect(matchesFilter({ ...NONE, agreement: 'RCEP' }, FACTS)).toBe(true);
    expect(matchesFilter({ ...NONE, partnerCountry: 'JP' }, FACTS)).toBe(true);
    expect(matchesFilter({ ...NONE, partnerCountry: 'KH' }, FACTS)).toBe(true);
    expect(matchesFilter({ ...NONE, certificateId: 'c-1' }, FACTS)).toBe(true);
  });

  it('refuses when any part given does not hold', () => {
    expect(matchesFilter({ ...NONE, agreement: 'ATIGA' }, FACTS)).toBe(false);
    expect(matchesFilter({ ...NONE, partnerCountry: 'TH' }, FACTS)).toBe(false);
    expect(matchesFilter({ ...NONE, certificateId: 'c-2' }, FACTS)).toBe(false);
    expect(matchesFilter({ agreement: 'RCEP', partnerCountry: 'TH', certificateId: null }, FACTS)).toBe(false);
    expect(matchesFilter({ ...NONE, agreement: 'RCEP' }, { ...FACTS, agreement: null })).toBe(false);
  });
});
