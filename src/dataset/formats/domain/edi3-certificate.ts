import { compactArrays, fieldOf, indexesOf, leavesOf, setLeaf, type LeafValue } from './dataset-paths';
import { FIELD_MAPPINGS, mappingOf, placeAt } from './field-mapping';
import { digestOfNamedInformationUri, namedInformationUri, type FormatProblem, type FormatReadResult, type RecordReference } from './format-result';
import type { IssuedDocument } from './ubl-certificate';

// The UN/CEFACT edi3 Certificate of Origin JSON ("Certificates 1.0" draft, Buy-Ship-Pay reference
// data model), as the hub's schema edi3/edi3-certificate-of-origin.schema.json describes it.

export const EDI3_MEDIA_TYPE = 'application/vnd.ecoo.edi3+json';

export interface Edi3RenderOptions {
  /** The record this rendition is made from, stated as its attached file (an RFC 6920 URI). */
  record?: RecordReference;
}

type Json = Record<string, unknown>;

function get(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    node = node && typeof node === 'object' && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, match[1]) ? (node as Json)[match[1]] : undefined;
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) node = Array.isArray(node) ? node[Number(index[1])] : undefined;
  }
  return node;
}

/**
 * The dataset as edi3 JSON. Every field goes to its path in FIELD_MAPPINGS; the producer to every
 * consignment item; the fields edi3 has no place for into `hubExtension`, so edi3ToDataset gives the
 * same document back.
 */
export function datasetToEdi3(doc: IssuedDocument, options: Edi3RenderOptions = {}): Json {
  const out: Json = {};
  const extension: Array<{ path: string; value: LeafValue }> = [];
  const items = doc.items ?? [];
  for (const leaf of leavesOf(doc)) {
    const field = fieldOf(leaf.path);
    const row = mappingOf(field);
    if (!row || row.edi3 === null) {
      extension.push(leaf);
      continue;
    }
    if (field.startsWith('producer.')) {
      items.forEach((_, index) => setLeaf(out, placeAt(row.edi3 as string, [index], 0).replace('includedConsignmentItems[0]', `includedConsignmentItems[${index}]`), leaf.value));
      continue;
    }
    setLeaf(out, placeAt(row.edi3, indexesOf(leaf.path), 0), leaf.value);
  }
  const invoiceDates = new Map((doc.invoices ?? []).map((invoice) => [invoice.number, invoice.date]));
  items.forEach((item, index) => {
    // What edi3 readers expect beside the mapped fields: the item's id, and its invoice's date.
    setLeaf(out, `supplyChainConsignment.includedConsignmentItems[${index}].iD`, String(item.itemNumber));
    const date = item.invoiceNumber !== undefined ? invoiceDates.get(item.invoiceNumber) : undefined;
    if (date) setLeaf(out, `supplyChainConsignment.includedConsignmentItems[${index}].tradeLineItems[0].invoiceReference.formattedIssueDateTime`, date);
  });
  if (options.record) out.attachedFile = { uRI: namedInformationUri(options.record.recordHash), mIMECode: 'application/json' };
  if (extension.length > 0) out.hubExtension = extension.map((leaf) => ({ path: leaf.path, value: leaf.value }));
  return out;
}

/** Reads the dataset out of edi3 JSON that passed the hub's edi3 schema. */
export function edi3ToDataset(source: Json): FormatReadResult {
  const problems: FormatProblem[] = [];
  const target: Json = {};
  const itemCount = (get(source, 'supplyChainConsignment.includedConsignmentItems') as unknown[] | undefined)?.length ?? 0;
  for (const row of FIELD_MAPPINGS) {
    if (row.edi3 === null) continue;
    const list = /^(\w+)\[\]/.exec(row.field)?.[1];
    const positions = list === 'items' ? Array.from({ length: itemCount }, (_, i) => i) : [undefined];
    for (const position of positions) {
      const at = position === undefined ? row.edi3 : placeAt(row.edi3, [position], 0);
      const value = get(source, at);
      if (value === undefined) continue;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        problems.push({ path: at, message: 'must be a string, a number or a boolean' });
        continue;
      }
      setLeaf(target, position === undefined ? row.field : row.field.replace('[]', `[${position}]`), value);
    }
  }
  const extension = (source.hubExtension ?? []) as Array<{ path: string; value: LeafValue }>;
  extension.forEach((entry, index) => {
    const at = `hubExtension[${index}]`;
    const row = mappingOf(fieldOf(entry.path));
    if (!row) problems.push({ path: at, message: `${entry.path} is not a field of the dataset` });
    else if (row.edi3 !== null) problems.push({ path: at, message: `${entry.path} has its own place in edi3 (${row.edi3}); hubExtension carries only fields edi3 has no place for` });
    else if (!setLeaf(target, entry.path, entry.value)) problems.push({ path: at, message: `${entry.path} cannot be set (it clashes with another field)` });
  });
  if (problems.length > 0) return { ok: false, problems };
  const uri = get(source, 'attachedFile.uRI');
  const recordHash = typeof uri === 'string' ? digestOfNamedInformationUri(uri) : undefined;
  return { ok: true, document: compactArrays(target), ...(recordHash ? { recordHash } : {}) };
}

/** Where a dataset path (as rule violations name it) sits in edi3 JSON: its path, or its hubExtension entry. */
export function edi3PathOf(datasetPath: string, source?: Json): string {
  const row = mappingOf(fieldOf(datasetPath));
  if (row?.edi3) return placeAt(row.edi3, indexesOf(datasetPath), 0);
  const extension = (source?.hubExtension ?? []) as Array<{ path: string }>;
  const index = Array.isArray(extension) ? extension.findIndex((entry) => entry?.path === datasetPath) : -1;
  if (index >= 0) return `hubExtension[${index}]`;
  if (row) return `hubExtension[?(@.path=='${datasetPath}')]`;
  const under = FIELD_MAPPINGS.filter((candidate) => candidate.field.startsWith(`${fieldOf(datasetPath)}.`) && candidate.edi3);
  if (under.length === 0) return `hubExtension[?(@.path=='${datasetPath}')]`;
  const parts = under.map((candidate) => (candidate.edi3 as string).split('.'));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return common.length > 0 ? placeAt(common.join('.'), indexesOf(datasetPath), 0) : '$';
}
