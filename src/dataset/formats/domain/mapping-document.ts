import { FIELD_MAPPINGS, UBL_NAMESPACES } from './field-mapping';

const cell = (value: string | null) => (value === null ? '(extension)' : `\`${value.replace(/\|/g, '\\|')}\``);

/** docs/mapping.md, generated from FIELD_MAPPINGS (`npm run formats:mapping`; a spec fails when the committed file differs). */
export function mappingDocument(): string {
  const rows = FIELD_MAPPINGS.map((row) => `| \`${row.field}\` | ${cell(row.ubl)} | ${cell(row.edi3)} | ${row.wco} | ${row.tded} |`);
  const prefixes = Object.entries(UBL_NAMESPACES).map(([prefix, uri]) => `| \`${prefix}\` | \`${uri}\` |`);
  return [
    '# Dataset field mapping',
    '',
    'Generated from `src/dataset/formats/domain/field-mapping.ts` by `npm run formats:mapping`; do not edit by hand',
    '(a spec fails when this file differs from what the adapters use).',
    '',
    'One row per field of the common dataset v1 (DESIGN.md section 4): its place in an OASIS UBL 2.4',
    '`CertificateOfOrigin` (XPath 1.0), in the UN/CEFACT edi3 Certificate of Origin JSON as the hub',
    'writes it (`src/dataset/formats/edi3/edi3-certificate-of-origin.schema.json`), its WCO Data Model ID',
    'and its UN/TDED number. WCO DM IDs and UN/TDED numbers come from the box-level mapping of the edi3',
    '"Certificates 1.0" draft (CertificateOfOriginDataElementMapping.xlsx), whose WCO IDs have not been',
    'checked against a WCO DM release; 6411 (measurement unit) and 6345 (currency) are the UN/TDED',
    'elements of the units and currency; "-" where neither gives one. `[i]` is the position of an item',
    'or invoice (1-based in XPath, 0-based in JSON). "(extension)": the format has no place for the',
    'field; UBL carries it in `ext:UBLExtension[cbc:ID="ecoo-dataset-v1"]` as',
    '`hub:Field[@path]`, edi3 in `hubExtension[]` as `{path, value}`, so both round trips are lossless.',
    '',
    '| dataset field | UBL 2.4 XPath | edi3 JSON path | WCO DM ID | UN/TDED |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Namespace prefixes of the XPaths:',
    '',
    '| prefix | namespace |',
    '| --- | --- |',
    ...prefixes,
    '',
  ].join('\n');
}

/** The README's table of what each format cannot carry, from the same definitions. */
export function placelessTable(): string {
  const lines = ['| dataset field | UBL 2.4 | edi3 JSON |', '| --- | --- | --- |'];
  for (const row of FIELD_MAPPINGS) {
    if (row.ubl !== null && row.edi3 !== null) continue;
    const where = (place: string | null, extension: string) => (place === null ? extension : 'has a place');
    lines.push(`| \`${row.field}\` | ${where(row.ubl, '`hub:Field` in the hub\'s `ext:UBLExtension`')} | ${where(row.edi3, '`hubExtension[]`')} |`);
  }
  return lines.join('\n');
}
