import type { StatusPurpose } from './credential-status';
import { STATUS_MESSAGES, STATUS_SIZE } from './credential-status';

/**
 * The hub's W3C Verifiable Credentials (VC Data Model 2.0, https://www.w3.org/TR/vc-data-model-2.0/),
 * secured as VC-JOSE (https://www.w3.org/TR/vc-jose-cose/): the JWS payload is the credential itself,
 * the header says typ vc+jwt. Pure builders; the signing is the caller's.
 */
export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_JWT_TYPE = 'vc+jwt';
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
export const CERTIFICATE_CREDENTIAL_TYPE = 'CertificateOfOriginCredential';
export const CERTIFICATE_SUBJECT_TYPE = 'CertificateOfOrigin';

export interface StatusEntryInput {
  purpose: StatusPurpose;
  index: number;
  /** Where the list's credential is published (unauthenticated GET). */
  listUrl: string;
  /** Message list only: where this entry's status, and a replacement's reference, can be read. */
  referenceUrl?: string;
}

export interface CertificateCredentialInput {
  certificateId: string;
  /** The signed record (the certificate): the credential's subject, field for field. */
  record: Record<string, unknown>;
  /** SHA-256 of the record's RFC 8785 bytes, hex. */
  recordHash: string;
  recordUrl: string;
  issuerId: string;
  issuerName: string;
  validFrom: Date;
  validUntil: Date | null;
  status: StatusEntryInput[];
}

export function issuerIdOf(authorityCode: string): string {
  return `urn:ecoo:authority:${encodeURIComponent(authorityCode)}`;
}

export function statusListUrl(publicUrl: string, authorityCode: string, purpose: StatusPurpose): string {
  return `${publicUrl}/v1/status-lists/${encodeURIComponent(authorityCode)}/${purpose}`;
}

/** VC 2.0 `digestSRI` (W3C Subresource Integrity form) of a SHA-256 given in hex. */
export function sriOfHex(hex: string): string {
  return `sha256-${Buffer.from(hex, 'hex').toString('base64')}`;
}

export function hexOfSri(sri: string): string | undefined {
  const match = /^sha256-([A-Za-z0-9+/]{43}=)$/.exec(sri);
  return match ? Buffer.from(match[1], 'base64').toString('hex') : undefined;
}

/**
 * The credential of an issued certificate: its subject is the record (type added), `relatedResource`
 * names the record and its SHA-256, validity is the certificate's own, and each status entry points
 * at the issuing authority's published list.
 */
export function certificateCredential(input: CertificateCredentialInput): Record<string, unknown> {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT],
    id: `urn:uuid:${input.certificateId}`,
    type: ['VerifiableCredential', CERTIFICATE_CREDENTIAL_TYPE],
    issuer: { id: input.issuerId, name: input.issuerName },
    validFrom: input.validFrom.toISOString(),
    ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
    credentialSubject: { type: CERTIFICATE_SUBJECT_TYPE, ...input.record },
    relatedResource: [{ id: input.recordUrl, mediaType: 'application/json', digestSRI: sriOfHex(input.recordHash) }],
    credentialStatus: input.status.map(statusEntry),
  };
}

export function statusEntry(entry: StatusEntryInput): Record<string, unknown> {
  const size = STATUS_SIZE[entry.purpose];
  return {
    id: `${entry.listUrl}#${entry.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: entry.purpose,
    statusListIndex: String(entry.index),
    statusListCredential: entry.listUrl,
    ...(size > 1 ? { statusSize: size, statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })) } : {}),
    ...(entry.referenceUrl ? { statusReference: entry.referenceUrl } : {}),
  };
}

/** A BitstringStatusListCredential: the list of one purpose of one issuing authority, issued by the node. */
export function statusListCredential(input: { listUrl: string; nodeId: string; purpose: StatusPurpose; encodedList: string; validFrom: Date }): Record<string, unknown> {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT],
    id: input.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.nodeId,
    validFrom: input.validFrom.toISOString(),
    credentialSubject: { id: `${input.listUrl}#list`, type: 'BitstringStatusList', statusPurpose: input.purpose, encodedList: input.encodedList },
  };
}

/** The record a certificate credential carries: its subject without the type the credential added. */
export function recordOfSubject(subject: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...record } = subject;
  return record;
}
