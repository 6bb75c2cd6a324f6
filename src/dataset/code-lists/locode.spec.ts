import { isUnLocode } from './locode';

describe('UN/LOCODE shape', () => {
  it.each(['THBKK', 'CNPXG', 'KHPNH', 'VNSGN', 'USNYC', 'DE2AB', 'GBLON'])('accepts %s', (code) => {
    expect(isUnLocode(code)).toBe(true);
  });

  it.each([
    ['XXABC', 'XX is not a country'],
    ['XKPRN', 'XK is user-assigned'],
    ['UKLON', 'UK is not an ISO 3166-1 code'],
    ['thbkk', 'lower case'],
    ['THbkk', 'lower-case place'],
    ['TH BKK', 'embedded space'],
    ['THBK', 'too short'],
    ['THBKKK', 'too long'],
    ['THBK0', 'digit 0 is not used'],
    ['THBK1', 'digit 1 is not used'],
    ['', 'empty'],
  ])('rejects %j (%s)', (code) => {
    expect(isUnLocode(code)).toBe(false);
  });
});
