import { readStrictJson } from '../../core/validation/strict-json';
import type { Violation } from '../../core/validation/violations';
import { EDI3_MEDIA_TYPE, edi3PathOf, edi3ToDataset } from './domain/edi3-certificate';
import type { FormatProblem } from './domain/format-result';
import { parseHostileXml } from './domain/safe-xml';
import { UBL_MEDIA_TYPE, ublDocumentToDataset, ublPathOf } from './domain/ubl-certificate';
import { edi3SchemaProblems } from './edi3/edi3-schema';
import { ublSchemaProblems } from './ubl/ubl-schema';

/** The formats a document may arrive in besides the dataset's own JSON. */
export const INBOUND_FORMAT_MEDIA_TYPES = [UBL_MEDIA_TYPE, EDI3_MEDIA_TYPE] as const;

export type FormatRead =
  | {
      ok: true;
      /** The dataset document read out of the format: still to be checked against the dataset rules. */
      document: Record<string, unknown>;
      /** Where a dataset path sits in the document as received, to name the rules' problems there. */
      pathOf: (datasetPath: string) => string;
      recordHash?: string;
      /** The parsed XML of a UBL document: its signature is checked on this same tree. */
      xml?: Document;
    }
  | { ok: false; violations: Violation[] };

function refused(ruleId: string, problems: FormatProblem[]): FormatRead {
  return { ok: false, violations: problems.map((problem) => ({ ruleId, severity: 'error', path: problem.path, message: problem.message })) };
}

/** The media type without parameters, lower-cased. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Reads a document in UBL 2.4 XML or edi3 JSON into the dataset: first its own schema (the shipped
 * UBL XSD, the hub's edi3 JSON schema), every problem at once with its path in the format; then the
 * adapter. The caller checks the dataset rules next and names their problems with `pathOf`.
 */
export async function readFormatDocument(mediaType: string, bytes: Buffer): Promise<FormatRead> {
  if (mediaType === UBL_MEDIA_TYPE) {
    const parsed = parseHostileXml(bytes);
    if (!parsed.ok) return refused('FORMAT-XML', parsed.problems.map((message) => ({ path: '/', message })));
    const schema = await ublSchemaProblems(bytes.toString('utf8'));
    if (schema.length > 0) return refused('FORMAT-UBL-XSD', schema);
    const read = ublDocumentToDataset(parsed.document);
    if (!read.ok) return refused('FORMAT-UBL', read.problems);
    return { ok: true, document: read.document, pathOf: ublPathOf, xml: parsed.document, ...(read.recordHash ? { recordHash: read.recordHash } : {}) };
  }
  if (mediaType === EDI3_MEDIA_TYPE) {
    // The same one reading as every JSON body of the hub (core/validation/strict-json.ts): strict
    // UTF-8, bounded nesting, no duplicate keys, no string PostgreSQL cannot store.
    const strict = readStrictJson(bytes);
    if (!strict.ok) return refused('FORMAT-JSON', [{ path: strict.path || '$', message: `the body is not JSON that reads one way: ${strict.message}` }]);
    if (strict.unstorable.length > 0) return refused('FORMAT-JSON', strict.unstorable.map((path) => ({ path, message: 'holds U+0000 or a lone surrogate, which cannot be stored' })));
    const json: unknown = strict.value;
    const schema = edi3SchemaProblems(json);
    if (schema.length > 0) return refused('FORMAT-EDI3-SCHEMA', schema);
    const source = json as Record<string, unknown>;
    const read = edi3ToDataset(source);
    if (!read.ok) return refused('FORMAT-EDI3', read.problems);
    return { ok: true, document: read.document, pathOf: (path) => edi3PathOf(path, source), ...(read.recordHash ? { recordHash: read.recordHash } : {}) };
  }
  return refused('FORMAT-MEDIA-TYPE', [{ path: '/', message: `${mediaType || '(none)'} is not a format the hub reads` }]);
}

/** Renames the dataset paths of rule violations to their places in the format the document came in. */
export function inFormat(violations: Violation[], pathOf: (datasetPath: string) => string): Violation[] {
  return violations.map((violation) => ({ ...violation, path: violation.path ? pathOf(violation.path) : violation.path }));
}
