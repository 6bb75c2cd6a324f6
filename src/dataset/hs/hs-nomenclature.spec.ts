import { HsNomenclature } from './hs-nomenclature';

describe('HsNomenclature', () => {
  it('knows its subheadings and the chapters they fall in', () => {
    const hs = HsNomenclature.fromSubheadings('HS2022', ['081060', '090111']);
    expect([hs.version, hs.size, hs.isShapeOnly]).toEqual(['HS2022', 2, false]);
    expect([hs.has('081060'), hs.has('081061')]).toEqual([true, false]);
    expect([hs.chapterExists('08'), hs.chapterExists('10')]).toEqual([true, false]);
  });

  it('refuses a code that is not six digits', () => {
    expect(() => HsNomenclature.fromSubheadings('HS2022', ['0810.60'])).toThrow('not a six-digit HS subheading');
  });

  it('shape-only knows the 96 chapters 01-97 without 77, and no subheading', () => {
    const hs = HsNomenclature.shapeOnly();
    expect([hs.isShapeOnly, hs.size, hs.chapterCount]).toEqual([true, 0, 96]);
    expect(['01', '76', '78', '97'].map((c) => hs.chapterExists(c))).toEqual([true, true, true, true]);
    expect(['00', '77', '98', '99'].map((c) => hs.chapterExists(c))).toEqual([false, false, false, false]);
    expect(hs.has('081060')).toBe(false);
  });
});
