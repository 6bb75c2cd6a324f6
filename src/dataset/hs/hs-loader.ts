import { readFile } from 'node:fs/promises';
import { parseHsCsv } from './hs-csv-parser';
import { HsNomenclature } from './hs-nomenclature';

/**
 * Reads the HS subheading list the operator configured; without a path the hub checks shape and
 * chapter only (DESIGN.md section 4).
 */
export async function loadHsNomenclatureFile(path: string | undefined, version = 'HS2022'): Promise<HsNomenclature> {
  if (!path) return HsNomenclature.shapeOnly();
  return parseHsCsv(await readFile(path, 'utf8'), version);
}
