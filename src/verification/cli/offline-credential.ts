import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { readStatusListCredential, ReadStatusList, statusOfEntry } from '../../certificates/credentials/domain/credential-reading';
import { StatusPurpose } from '../../certificates/credentials/domain/credential-status';
import { VC_JWT_TYPE } from '../../certificates/credentials/domain/verifiable-credential';
import { FIRST_RULES_VERSION } from '../../dataset/dataset-version';
import type { ProfileCatalog } from '../../dataset/agreements/profile-catalog';
import type { HsNomenclature } from '../../dataset/hs/hs-nomenclature';
import type { ParsedCrl } from '../../pki/crypto/crl';
import { verifyCompactJws } from '../../pki/crypto/jws-verifier';
import { assessCertificate } from '../verify/domain/assess-certificate';
import { withStatedRecordHash } from '../verify/domain/credential-digest';
import { recheckDataset } from '../verify/domain/dataset-recheck';
import { IssuerStatus, IssuerTrust, RecordFacts } from '../verify/domain/verification-facts';
import type { ReadCertificateCredential } from '../../certificates/credentials/domain/credential-reading';
import type { OfflineAnswer } from './offline-verification';

export interface OfflineCredentialInput {
  jws: string;
  credential: ReadCertificateCredential;
  anchorsDer: Buffer[];
  knownAnchorsDer: Buffer[];
  crls: ParsedCrl[];
  issueTime?: Date;
  /** Status list credentials as fetched or read (compact JWS), each with where it came from. */
  statusLists: { source: string; jws: string }[];
  /** The certificates that sign the status lists (the node's, or its CA). */
  statusSignersDer: Buffer[];
  catalog: ProfileCatalog;
  hs: HsNomenclature;
  now: Date;
}

export interface OfflineCredentialAnswer extends OfflineAnswer {
  credentialStatus: Array<{ purpose: string; index: number; status?: string; problem?: string }>;
}

/**
 * A certificate credential checked from files, with the hub's own verdict function: its JWS (jose)
 * and x5c chain to the issuer's anchors, its subject held to the record hash it states, the dataset
 * rules, and, when status lists are given, the status they publish (each list's own JWS checked against
 * the status signer first). Without lists the status is OFFLINE, as for a document.
 */
export async function verifyCredentialOffline(input: OfflineCredentialInput): Promise<OfflineCredentialAnswer> {
  const { credential } = input;
  const content = Buffer.from(canonicalJson(credential.record), 'utf8');
  const contentHash = sha256Hex(content);
  const stated = typeof credential.record.issueDateTime === 'string' ? new Date(credential.record.issueDateTime) : credential.validFrom;
  const issueTime = input.issueTime ?? (Number.isNaN(stated.getTime()) ? credential.validFrom : stated);
  const signed = await verifyCompactJws({
    jws: input.jws,
    typ: VC_JWT_TYPE,
    trustAnchorsDer: input.anchorsDer,
    knownAnchorsDer: [...input.anchorsDer, ...input.knownAnchorsDer],
    crls: input.crls,
    issueTime,
    now: input.now,
  });
  const cms = withStatedRecordHash(signed, contentHash, credential.recordHash);
  const published = await publishedStatus(input);
  const assessment = assessCertificate({
    now: input.now,
    contentHash,
    signature: { kind: 'VERIFIED', cms, issuer: input.anchorsDer.length > 0 ? IssuerTrust.ANCHORED : IssuerTrust.NO_ANCHOR, issueTimeKnown: true, hubKeyNotRevoked: false },
    record: published.record,
    quantity: { kind: 'OFFLINE' },
    dataset: recheckDataset(credential.record, { issueTime, recordedProfile: null, rulesVersion: FIRST_RULES_VERSION, catalog: input.catalog, hs: input.hs }),
  });
  return { ...assessment, issueTime: issueTime.toISOString(), documentHash: contentHash, credentialStatus: published.entries };
}

async function publishedStatus(input: OfflineCredentialInput): Promise<{ record: RecordFacts; entries: OfflineCredentialAnswer['credentialStatus'] }> {
  const validUntil = input.credential.validUntil;
  if (input.statusLists.length === 0) return { record: { kind: 'OFFLINE' }, entries: [] };
  const lists: ReadStatusList[] = [];
  const problems: string[] = [];
  for (const given of input.statusLists) {
    const checked = await verifyCompactJws({ jws: given.jws, typ: VC_JWT_TYPE, trustAnchorsDer: input.statusSignersDer, issueTime: input.now, now: input.now });
    if (!checked.valid || !checked.payload) {
      problems.push(`${given.source}: its signature does not hold against the status signer (${checked.reasons.join(', ')})`);
      continue;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(checked.payload).toString('utf8'));
    } catch {
      problems.push(`${given.source}: its payload is not JSON`);
      continue;
    }
    const read = readStatusListCredential(payload);
    if (read.ok) lists.push(read.list);
    else problems.push(`${given.source}: ${read.problems.join('; ')}`);
  }
  const entries: OfflineCredentialAnswer['credentialStatus'] = [];
  let status: IssuerStatus | null = null;
  for (const entry of input.credential.status) {
    const list = lists.find((candidate) => candidate.id === entry.listUrl);
    if (!list) {
      entries.push({ purpose: entry.purpose, index: entry.index, problem: `no status list given is ${entry.listUrl}` });
      continue;
    }
    const read = statusOfEntry(list, entry);
    if ('problem' in read) {
      entries.push({ purpose: entry.purpose, index: entry.index, problem: read.problem });
      continue;
    }
    entries.push({ purpose: entry.purpose, index: entry.index, status: read.status });
    // The strongest word wins: CANCELLED (either list) over REPLACED over ISSUED.
    const said = entry.purpose === StatusPurpose.REVOCATION ? (read.status === 'CANCELLED' ? IssuerStatus.CANCELLED : IssuerStatus.ISSUED) : (read.status as IssuerStatus);
    status = strongest(status, said);
  }
  const problem = problems.length > 0 ? problems.join('; ') : undefined;
  return { record: { kind: 'PUBLISHED', status, expiresAt: validUntil, replacedByNumber: null, ...(problem ? { problem } : {}) }, entries };
}

const RANK: Record<string, number> = { [IssuerStatus.ISSUED]: 0, [IssuerStatus.REPLACED]: 1, [IssuerStatus.CANCELLED]: 2 };

function strongest(current: IssuerStatus | null, said: IssuerStatus): IssuerStatus {
  if (!(said in RANK)) return current ?? said;
  return current === null || RANK[said] > (RANK[current] ?? -1) ? said : current;
}
