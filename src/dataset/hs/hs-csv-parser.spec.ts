import { parseCsvRows, parseHsCsv } from './hs-csv-parser';

const HEADER = 'section,hscode,description,parent,level';

describe('parseHsCsv', () => {
  it('keeps level-6 rows only and leaves out the TOTAL section', () => {
    const text = [
      '\ufeff' + HEADER,
      'I,01,Animals; live,TOTAL,2',
      'I,0101,"Horses, asses, mules and hinnies; live",01,4',
      'I,010121,"Horses; live, pure-bred breeding animals",0101,6',
      'II,081060,"Fruit, edible; durians, fresh",0810,6',
      'TOTAL,99,Commodities not specified according to kind,TOTAL,2',
      'TOTAL,999999,Commodities not specified according to kind,9999,6',
      'TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5',
    ].join('\r\n');
    const hs = parseHsCsv(text, 'HS2022');
    expect([hs.version, hs.size]).toEqual(['HS2022', 2]);
    expect([hs.has('010121'), hs.has('081060'), hs.has('999999'), hs.has('0101')]).toEqual([true, true, false, false]);
    expect(hs.chapterExists('99')).toBe(false);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsvRows('a,"b, ""c""\nd",e\n1,2,3\n')).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['1', '2', '3'],
    ]);
  });

  it('refuses a file without the expected columns or with a malformed level-6 code', () => {
    expect(() => parseHsCsv('code,level\n010121,6\n', 'HS2022')).toThrow('no "section" column');
    expect(() => parseHsCsv(`${HEADER}\nI,01012,x,0101,6\n`, 'HS2022')).toThrow('is not six digits');
    expect(() => parseHsCsv(`${HEADER}\nI,010121,x\n`, 'HS2022')).toThrow('has 3 fields');
  });
});
