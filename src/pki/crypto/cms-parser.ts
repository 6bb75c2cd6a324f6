import * as forge from 'node-forge';
import {
  children,
  encodingOf,
  expectSequence,
  expectSet,
  isContext,
  isUniversal,
  parseAsn1,
  primitiveBytes,
  readIntegerHex,
  readOid,
  readTime,
} from './der';
import { DIGEST_OID_TO_HASH, HashName, Oid, SIGNATURE_OID_TO_HASH } from './oids';
import { ParsedCertificate, parseCertificateCached } from './x509';
import { readName } from './x509-parts';

// Reads a CMS SignedData (RFC 5652 5) into what the verifier checks. Anything that does not fit the
// hub's profile (one signer, signed attributes, signer certificate included) is a CmsFormatError.

type Asn1 = forge.asn1.Asn1;
const { Type } = forge.asn1;

export class CmsFormatError extends Error {
  override readonly name = 'CmsFormatError';
}

// A signer certificate and its chain are a handful; each extra certificate is one more candidate at
// every step of the path search.
export const MAX_CMS_CERTIFICATES = 16;
// A detached signature with its chain is a few kilobytes.
export const MAX_CMS_BYTES = 1024 * 1024;

export interface ParsedCmsSignature {
  certificates: ParsedCertificate[];
  signerCertificate: ParsedCertificate;
  digestHash: HashName;
  signatureAlgorithmOid: string;
  // Hash for the signature check, or undefined when the algorithm is not supported.
  signatureHash?: HashName;
  // The signed attributes re-tagged from [0] IMPLICIT to SET OF (0x31): the bytes the signature covers.
  signedAttributesDer: Buffer;
  messageDigest: Buffer;
  signingTime?: Date;
  signature: Buffer;
}

export function parseCmsSignature(cmsDer: Buffer): ParsedCmsSignature {
  try {
    return readSignedData(cmsDer);
  } catch (error) {
    if (error instanceof CmsFormatError) throw error;
    throw new CmsFormatError((error as Error).message ?? String(error), { cause: error });
  }
}

function readSignedData(cmsDer: Buffer): ParsedCmsSignature {
  if (cmsDer.length > MAX_CMS_BYTES) throw new CmsFormatError(`${cmsDer.length} bytes, more than ${MAX_CMS_BYTES}`);
  // RFC 5652 allows BER around the signed attributes (streamed signatures use indefinite lengths).
  const [contentType, content] = expectSequence(parseAsn1(cmsDer, { ber: true }), 'ContentInfo');
  if (!isUniversal(contentType, Type.OID) || readOid(contentType, 'contentType') !== Oid.signedData) {
    throw new CmsFormatError('not a CMS SignedData');
  }
  if (!isContext(content, 0)) throw new CmsFormatError('ContentInfo: content [0] missing');
  const fields = expectSequence(children(content, 'content')[0], 'SignedData');
  let index = 2; // version, digestAlgorithms
  const [eContentType] = expectSequence(fields[index++], 'encapContentInfo');
  const encapsulatedType = readOid(eContentType, 'eContentType');
  const certificates = isContext(fields[index], 0) ? readCertificates(fields[index++]) : [];
  if (isContext(fields[index], 1)) index++; // crls carried in the CMS: the caller supplies CRLs instead
  const signerInfos = expectSet(fields[index], 'signerInfos');
  if (signerInfos.length !== 1) throw new CmsFormatError(`expected exactly one signer, found ${signerInfos.length}`);
  return readSignerInfo(signerInfos[0], encapsulatedType, certificates);
}

function readCertificates(node: Asn1): ParsedCertificate[] {
  // Only X.509 certificates (SEQUENCE); attribute and other certificate formats are skipped.
  const choices = children(node, 'certificates');
  if (choices.length > MAX_CMS_CERTIFICATES) {
    throw new CmsFormatError(`${choices.length} certificates in the CMS, more than ${MAX_CMS_CERTIFICATES}`);
  }
  return choices.filter((choice) => isUniversal(choice, Type.SEQUENCE)).map((choice) => parseCertificateCached(encodingOf(choice)));
}

function readSignerInfo(node: Asn1, encapsulatedType: string, certificates: ParsedCertificate[]): ParsedCmsSignature {
  const fields = expectSequence(node, 'SignerInfo');
  const signerCertificate = findSigner(fields[1], certificates);
  const digestOid = readOid(expectSequence(fields[2], 'digestAlgorithm')[0], 'digestAlgorithm');
  const digestHash = DIGEST_OID_TO_HASH[digestOid];
  if (!digestHash) throw new CmsFormatError(`unsupported digest algorithm ${digestOid}`);
  if (!isContext(fields[3], 0)) throw new CmsFormatError('signed attributes are required');
  const attributes = readSignedAttributes(fields[3]);
  if (attributes.contentType !== encapsulatedType) {
    throw new CmsFormatError('the contentType attribute does not match eContentType');
  }
  const signatureAlgorithmOid = readOid(expectSequence(fields[4], 'signatureAlgorithm')[0], 'signatureAlgorithm');
  // A copy: the encoding is a view of the caller's buffer.
  const signedAttributesDer = Buffer.from(encodingOf(fields[3]));
  signedAttributesDer[0] = 0x31;
  return {
    certificates,
    signerCertificate,
    digestHash,
    signatureAlgorithmOid,
    signatureHash: signatureAlgorithmOid === Oid.rsaEncryption ? digestHash : SIGNATURE_OID_TO_HASH[signatureAlgorithmOid],
    signedAttributesDer,
    messageDigest: attributes.messageDigest,
    signingTime: attributes.signingTime,
    signature: primitiveBytes(fields[5], Type.OCTETSTRING, 'signature'),
  };
}

function findSigner(sid: Asn1 | undefined, certificates: ParsedCertificate[]): ParsedCertificate {
  let match: ParsedCertificate | undefined;
  if (isContext(sid, 0)) {
    // subjectKeyIdentifier [0] IMPLICIT OCTET STRING
    if (typeof sid.value !== 'string') throw new CmsFormatError('SignerIdentifier: bad subjectKeyIdentifier');
    const keyId = Buffer.from(sid.value, 'latin1').toString('hex');
    match = certificates.find((cert) => cert.subjectKeyIdentifierHex === keyId);
  } else {
    const [issuer, serial] = expectSequence(sid, 'IssuerAndSerialNumber');
    const issuerKey = readName(issuer, 'issuer').matchKey;
    const serialHex = readIntegerHex(serial, 'serialNumber');
    match = certificates.find((cert) => cert.issuer.matchKey === issuerKey && cert.serialNumberHex === serialHex);
  }
  if (!match) throw new CmsFormatError('the signer certificate is not included in the CMS');
  return match;
}

interface SignedAttributes {
  contentType: string;
  messageDigest: Buffer;
  signingTime?: Date;
}

const CHECKED_ATTRIBUTES = new Set<string>([Oid.contentType, Oid.messageDigest, Oid.signingTime]);

// RFC 5652 11: contentType and messageDigest are required, each at most once, with a single value.
function readSignedAttributes(node: Asn1): SignedAttributes {
  const seen = new Map<string, Asn1>();
  for (const attribute of children(node, 'signedAttrs')) {
    const [type, values] = expectSequence(attribute, 'Attribute');
    const oid = readOid(type, 'attrType');
    const valueList = expectSet(values, 'attrValues');
    if (!CHECKED_ATTRIBUTES.has(oid)) continue;
    if (seen.has(oid)) throw new CmsFormatError(`signed attribute ${oid} appears more than once`);
    if (valueList.length !== 1) throw new CmsFormatError(`signed attribute ${oid} must have exactly one value`);
    seen.set(oid, valueList[0]);
  }
  const contentType = seen.get(Oid.contentType);
  const messageDigest = seen.get(Oid.messageDigest);
  if (!contentType || !messageDigest) throw new CmsFormatError('the contentType and messageDigest attributes are required');
  const signingTime = seen.get(Oid.signingTime);
  return {
    contentType: readOid(contentType, 'contentType attribute'),
    messageDigest: primitiveBytes(messageDigest, Type.OCTETSTRING, 'messageDigest attribute'),
    signingTime: signingTime && readTime(signingTime, 'signingTime attribute'),
  };
}
