import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/**
 * What an exporter declares, and signs when it signs (the edi3 model's and ALADI's exporter
 * declaration beside the issuing body's certification): its own party fields, the items and its
 * declaration (statement, place, date, signatory), as the RFC 8785 form of
 * `{ "exporter": ..., "exporterDeclaration": ..., "items": [...] }` read from a certificate document.
 * Any change to one of them voids a signature made before it; a change elsewhere (the transport, the
 * remarks, the certificate number) does not.
 */
export function canonicalDeclaration(document: Record<string, unknown>): Buffer {
  const covered = {
    exporter: document.exporter ?? null,
    exporterDeclaration: document.exporterDeclaration ?? null,
    items: document.items ?? null,
  };
  return Buffer.from(canonicalize(covered), 'utf8');
}

/** The SHA-256 (hex) of the canonical declaration. */
export function declarationHash(document: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalDeclaration(document)).digest('hex');
}
