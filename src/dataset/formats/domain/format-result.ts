/** A problem with a document in a format at the hub's edge, named by its path in that format. */
export interface FormatProblem {
  /** XPath (UBL) or JSON path (edi3) in the document as received. */
  path: string;
  message: string;
}

/** What reading a document in a format gives: the dataset document, or every problem found. */
export type FormatReadResult =
  | {
      ok: true;
      document: Record<string, unknown>;
      /** The SHA-256 (hex) of the canonical record a rendition states it was made from, if it states one. */
      recordHash?: string;
    }
  | { ok: false; problems: FormatProblem[] };

/** The record a rendition is made from, stated inside it. */
export interface RecordReference {
  /** SHA-256 of the RFC 8785 record, hex. */
  recordHash: string;
}

/** RFC 6920 named information URI of a SHA-256 digest: how a rendition names the record it was made from. */
export function namedInformationUri(sha256Hex: string): string {
  return `ni:///sha-256;${Buffer.from(sha256Hex, 'hex').toString('base64url')}`;
}

/** The hex SHA-256 in an RFC 6920 `ni:///sha-256;...` URI, or undefined. */
export function digestOfNamedInformationUri(uri: string): string | undefined {
  const match = /^ni:\/\/\/sha-256;([A-Za-z0-9_-]{43})$/.exec(uri);
  return match ? Buffer.from(match[1], 'base64url').toString('hex') : undefined;
}
