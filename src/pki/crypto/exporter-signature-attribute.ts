import { createHash } from 'node:crypto';
import * as forge from 'node-forge';
import { parseCmsSignature } from './cms-parser';
import { asn1ToDer, derOctetString, derOid, derSequence, derSetOf, expectSequence, expectSet, parseAsn1, primitiveBytes, readOid } from './der';
import { Oid } from './oids';

// How an authority's CMS over a certificate covers the exporter's own signature of its declaration,
// so that neither can be swapped: the signed attribute id-aa-contentReference (RFC 2634 section 2.11,
// "a link from one SignedData to another ... to incorporate by reference one SignedData into
// another"), whose value is
//   ContentReference ::= SEQUENCE {
//     contentType              ContentType,       -- id-data: the exporter signed its declaration as data
//     signedContentIdentifier  ContentIdentifier, -- here: the SHA-256 of the exporter's CMS (DER)
//     originatorSignatureValue OCTET STRING }     -- the exporter's signature value
// A registered OID with small arcs: verifiers that do not use it skip it (RFC 5652 5.3 allows any
// signed attribute), so `openssl cms -verify` and hubs of an earlier release verify the authority's
// signature as before.
export const CONTENT_REFERENCE_OID = '1.2.840.113549.1.9.16.2.10';

const CONTENT_REFERENCE = derOid(CONTENT_REFERENCE_OID);

export interface CoveredExporterSignature {
  /** SHA-256 of the exporter's CMS, DER. */
  sha256: Buffer;
  /** The exporter's signature value. */
  signatureValue: Buffer;
}

export function exporterSignatureHash(exporterCmsDer: Buffer): Buffer {
  return createHash('sha256').update(exporterCmsDer).digest();
}

/** The signed Attribute (RFC 5652 5.3) to add to the authority's signature; the exporter's CMS must parse. */
export function exporterSignatureAttribute(exporterCmsDer: Buffer): Buffer {
  const signatureValue = parseCmsSignature(exporterCmsDer).signature;
  const reference = derSequence(derOid(Oid.data), derOctetString(exporterSignatureHash(exporterCmsDer)), derOctetString(signatureValue));
  return derSequence(CONTENT_REFERENCE, derSetOf([reference]));
}

/**
 * The exporter signature an authority's CMS covers (its hash and signature value), or undefined
 * when it covers none. The CMS is read within the parser's limits; an unreadable one covers nothing.
 */
export function coveredExporterSignature(authorityCmsDer: Buffer): CoveredExporterSignature | undefined {
  try {
    const attributes = parseAsn1(parseCmsSignature(authorityCmsDer).signedAttributesDer);
    for (const attribute of expectSet(attributes, 'signedAttrs')) {
      const [type, values] = expectSequence(attribute, 'Attribute');
      if (!asn1ToDer(type).equals(CONTENT_REFERENCE)) continue;
      const [value] = expectSet(values, 'attrValues');
      const [contentType, identifier, signatureValue] = expectSequence(value, 'ContentReference');
      if (readOid(contentType, 'contentType') !== Oid.data) return undefined;
      return { sha256: primitiveBytes(identifier, forge.asn1.Type.OCTETSTRING, 'signedContentIdentifier'), signatureValue: primitiveBytes(signatureValue, forge.asn1.Type.OCTETSTRING, 'originatorSignatureValue') };
    }
  } catch {
    // An unreadable CMS covers nothing.
  }
  return undefined;
}

/** Whether the authority's CMS covers exactly this exporter CMS (its hash and its signature value). */
export function coversExporterSignature(authorityCmsDer: Buffer, exporterCmsDer: Buffer): boolean {
  const covered = coveredExporterSignature(authorityCmsDer);
  if (!covered) return false;
  let signatureValue: Buffer;
  try {
    signatureValue = parseCmsSignature(exporterCmsDer).signature;
  } catch {
    return false;
  }
  return covered.sha256.equals(exporterSignatureHash(exporterCmsDer)) && covered.signatureValue.equals(signatureValue);
}
