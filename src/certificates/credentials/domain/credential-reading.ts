import { decodeList, statusAt } from './bitstring';
import { messageOf, StatusPurpose, statusPurposeOf, STATUS_SIZE } from './credential-status';
import { CERTIFICATE_CREDENTIAL_TYPE, CREDENTIALS_V2_CONTEXT, hexOfSri, recordOfSubject } from './verifiable-credential';

/**
 * Reading a certificate credential and a status list credential as a verifier does (the hub's
 * verification and the offline verifier): the VC 2.0 structure, the record and its stated hash, the
 * validity period and the status entries. Pure: the signature is checked before, elsewhere.
 */
export interface ReadStatusEntry {
  purpose: StatusPurpose;
  index: number;
  listUrl: string;
  statusSize: number;
  referenceUrl?: string;
}

export interface ReadCertificateCredential {
  record: Record<string, unknown>;
  recordHash: string;
  issuerId: string;
  validFrom: Date;
  validUntil: Date | null;
  status: ReadStatusEntry[];
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Every problem with the credential's structure at once, or what it says. */
export function readCertificateCredential(payload: unknown): { ok: true; credential: ReadCertificateCredential } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(payload)) return { ok: false, problems: ['the credential is not a JSON object'] };
  const context = asArray(payload['@context']);
  if (context[0] !== CREDENTIALS_V2_CONTEXT) problems.push(`@context must begin with ${CREDENTIALS_V2_CONTEXT}`);
  const types = asArray(payload.type);
  if (!types.includes('VerifiableCredential') || !types.includes(CERTIFICATE_CREDENTIAL_TYPE)) problems.push(`type must hold VerifiableCredential and ${CERTIFICATE_CREDENTIAL_TYPE}`);
  const issuerId = isObject(payload.issuer) ? payload.issuer.id : payload.issuer;
  if (typeof issuerId !== 'string' || issuerId.length === 0) problems.push('issuer must name its id');
  const validFrom = dateOf(payload.validFrom);
  if (!validFrom) problems.push('validFrom must be an XML Schema dateTimeStamp');
  const validUntil = payload.validUntil === undefined ? null : dateOf(payload.validUntil);
  if (validUntil === undefined) problems.push('validUntil, when present, must be an XML Schema dateTimeStamp');
  if (!isObject(payload.credentialSubject)) problems.push('credentialSubject must be one object (the certificate)');
  const related = asArray(payload.relatedResource).find((entry) => isObject(entry) && typeof entry.digestSRI === 'string') as Record<string, unknown> | undefined;
  const recordHash = related ? hexOfSri(related.digestSRI as string) : undefined;
  if (!recordHash) problems.push('relatedResource must name the record with its SHA-256 digestSRI');
  const status: ReadStatusEntry[] = [];
  for (const [i, entry] of asArray(payload.credentialStatus).entries()) {
    const read = readStatusEntry(entry);
    if (typeof read === 'string') problems.push(`credentialStatus[${i}]: ${read}`);
    else status.push(read);
  }
  if (status.length === 0 && problems.length === 0) problems.push('credentialStatus must hold a BitstringStatusListEntry');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    credential: {
      record: recordOfSubject(payload.credentialSubject as Record<string, unknown>),
      recordHash: recordHash as string,
      issuerId: issuerId as string,
      validFrom: validFrom as Date,
      validUntil: validUntil as Date | null,
      status,
    },
  };
}

function readStatusEntry(entry: unknown): ReadStatusEntry | string {
  if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') return 'not a BitstringStatusListEntry';
  const purpose = typeof entry.statusPurpose === 'string' ? statusPurposeOf(entry.statusPurpose) : undefined;
  if (!purpose) return `statusPurpose must be one of revocation, message`;
  const index = typeof entry.statusListIndex === 'string' && /^(0|[1-9]\d{0,9})$/.test(entry.statusListIndex) ? Number(entry.statusListIndex) : undefined;
  if (index === undefined) return 'statusListIndex must be a non-negative integer as a string';
  if (typeof entry.statusListCredential !== 'string' || !/^https?:\/\//.test(entry.statusListCredential)) return 'statusListCredential must be a URL';
  const statusSize = entry.statusSize === undefined ? 1 : entry.statusSize;
  if (statusSize !== STATUS_SIZE[purpose]) return `statusSize of a ${purpose} entry is ${STATUS_SIZE[purpose]}`;
  return {
    purpose,
    index,
    listUrl: entry.statusListCredential,
    statusSize,
    ...(typeof entry.statusReference === 'string' ? { referenceUrl: entry.statusReference } : {}),
  };
}

export interface ReadStatusList {
  id: string;
  purpose: StatusPurpose;
  bits: Buffer;
  validFrom: Date;
}

/** A BitstringStatusListCredential's payload: its id, purpose and bitstring; or every problem. */
export function readStatusListCredential(payload: unknown): { ok: true; list: ReadStatusList } | { ok: false; problems: string[] } {
  if (!isObject(payload)) return { ok: false, problems: ['the status list is not a JSON object'] };
  const problems: string[] = [];
  if (asArray(payload['@context'])[0] !== CREDENTIALS_V2_CONTEXT) problems.push(`@context must begin with ${CREDENTIALS_V2_CONTEXT}`);
  if (!asArray(payload.type).includes('BitstringStatusListCredential')) problems.push('type must hold BitstringStatusListCredential');
  const subject = isObject(payload.credentialSubject) ? payload.credentialSubject : undefined;
  const purpose = subject && typeof subject.statusPurpose === 'string' ? statusPurposeOf(subject.statusPurpose) : undefined;
  if (!subject || subject.type !== 'BitstringStatusList') problems.push('credentialSubject must be a BitstringStatusList');
  if (!purpose) problems.push('credentialSubject.statusPurpose must be revocation or message');
  const validFrom = dateOf(payload.validFrom);
  if (!validFrom) problems.push('validFrom must be an XML Schema dateTimeStamp');
  if (typeof payload.id !== 'string') problems.push('id must be the URL of the list');
  let bits: Buffer | undefined;
  try {
    bits = decodeList(subject?.encodedList as string);
  } catch (error) {
    problems.push(`credentialSubject.encodedList: ${(error as Error).message}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, list: { id: payload.id as string, purpose: purpose as StatusPurpose, bits: bits as Buffer, validFrom: validFrom as Date } };
}

/** What a list says of an entry: the value and its meaning (CANCELLED for a set revocation bit). */
export function statusOfEntry(list: ReadStatusList, entry: ReadStatusEntry): { value: number; status: string } | { problem: string } {
  if (list.id !== entry.listUrl) return { problem: `the list is ${list.id}, the entry names ${entry.listUrl}` };
  if (list.purpose !== entry.purpose) return { problem: `the list is for ${list.purpose}, the entry for ${entry.purpose}` };
  let value: number;
  try {
    value = statusAt(list.bits, entry.index, entry.statusSize);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (entry.purpose === StatusPurpose.REVOCATION) return { value, status: value === 1 ? 'CANCELLED' : 'NOT_REVOKED' };
  return { value, status: messageOf(value) ?? 'UNKNOWN' };
}
