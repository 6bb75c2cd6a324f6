import { HsNomenclature } from './hs-nomenclature';

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error('HS CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Builds an HS nomenclature from the UN Comtrade `harmonized-system.csv` layout (columns section,
 * hscode, description, parent, level). Only level-6 rows are subheadings; rows of section `TOTAL`
 * (chapter 99, `999999`, "commodities not specified") are Comtrade's bucket, not HS, and are left out.
 */
export function parseHsCsv(text: string, version: string): HsNomenclature {
  const [header, ...rows] = parseCsvRows(text);
  if (!header) throw new Error('HS CSV: empty file');
  const column = (name: string): number => {
    const index = header.findIndex((h) => h.trim().toLowerCase() === name);
    if (index < 0) throw new Error(`HS CSV: no "${name}" column`);
    return index;
  };
  const sectionAt = column('section');
  const codeAt = column('hscode');
  const levelAt = column('level');
  const codes: string[] = [];
  rows.forEach((row, index) => {
    if (row.length !== header.length) throw new Error(`HS CSV: row ${index + 2} has ${row.length} fields, expected ${header.length}`);
    const section = row[sectionAt].trim();
    const code = row[codeAt].trim();
    if (section === 'TOTAL' || code.startsWith('99') || row[levelAt].trim() !== '6') return;
    if (!/^[0-9]{6}$/.test(code)) throw new Error(`HS CSV: row ${index + 2}: level-6 code "${code}" is not six digits`);
    codes.push(code);
  });
  return HsNomenclature.fromSubheadings(version, codes);
}
