import { resolve } from 'node:path';
import { loadHsNomenclatureFile } from './hs-loader';

// The HS 2022 list the operator points the hub at; tests read the copy in shared/ beside the repository.
const HS_CSV = process.env.HS_CSV_PATH ?? resolve(__dirname, '../../../../shared/data/hs/harmonized-system.csv');

describe('loadHsNomenclatureFile', () => {
  it('loads the HS 2022 list: 5,612 subheadings in 96 chapters, without Comtrade 999999', async () => {
    const hs = await loadHsNomenclatureFile(HS_CSV, 'HS2022');
    // The file has 5,613 level-6 rows; one is 999999 (section TOTAL), which is not an HS subheading.
    expect(hs.size).toBe(5612);
    expect(hs.chapterCount).toBe(96);
    expect(hs.version).toBe('HS2022');
    expect([hs.has('081060'), hs.has('010121'), hs.has('970610'), hs.has('999999')]).toEqual([true, true, true, false]);
    expect([hs.chapterExists('77'), hs.chapterExists('99')]).toEqual([false, false]);
  });

  it('falls back to the chapters alone when no file is configured', async () => {
    const hs = await loadHsNomenclatureFile(undefined);
    expect([hs.isShapeOnly, hs.chapterCount]).toEqual([true, 96]);
  });

  it('fails loudly on a missing file', async () => {
    await expect(loadHsNomenclatureFile('/nonexistent/hs.csv')).rejects.toThrow('ENOENT');
  });
});
