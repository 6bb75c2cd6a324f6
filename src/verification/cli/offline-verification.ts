import { FIRST_RULES_VERSION } from '../../dataset/dataset-version';
import { ProfileCatalog } from '../../dataset/agreements/profile-catalog';
import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import type { HsNomenclature } from '../../dataset/hs/hs-nomenclature';
import { verifyDetachedCms } from '../../pki/crypto/cms-verifier';
import type { ParsedCrl } from '../../pki/crypto/crl';
import { Assessment, assessCertificate } from '../verify/domain/assess-certificate';
import { recheckDataset } from '../verify/domain/dataset-recheck';
import { IssuerTrust } from '../verify/domain/verification-facts';

export interface OfflineInput {
  document: Record<string, unknown>;
  // The bytes as read, for --raw.
  documentBytes: Buffer;
  raw: boolean;
  signatureDer: Buffer;
  anchorsDer: Buffer[];
  knownAnchorsDer: Buffer[];
  crls: ParsedCrl[];
  issueTime?: Date;
  catalog: ProfileCatalog;
  hs: HsNomenclature;
  now: Date;
}

export interface OfflineAnswer extends Assessment {
  issueTime: string | null;
  documentHash: string;
}

/**
 * The same verification as the hub's, from files: verifyDetachedCms and the dataset rules feed the
 * shared pure verdict; what only a hub knows (its records, the import side, the ledger) is OFFLINE.
 */
export function verifyOffline(input: OfflineInput): OfflineAnswer {
  const content = input.raw ? input.documentBytes : Buffer.from(canonicalJson(input.document), 'utf8');
  const stated = typeof input.document.issueDateTime === 'string' ? new Date(input.document.issueDateTime) : undefined;
  const issueTime = input.issueTime ?? (stated && !Number.isNaN(stated.getTime()) ? stated : undefined);
  const at = issueTime ?? input.now;
  const cms = verifyDetachedCms({
    content,
    cmsDer: input.signatureDer,
    trustAnchorsDer: input.anchorsDer,
    knownAnchorsDer: [...input.anchorsDer, ...input.knownAnchorsDer],
    crls: input.crls,
    issueTime: at,
    now: input.now,
  });
  const contentHash = sha256Hex(content);
  const assessment = assessCertificate({
    now: input.now,
    contentHash,
    signature: { kind: 'VERIFIED', cms, issuer: input.anchorsDer.length > 0 ? IssuerTrust.ANCHORED : IssuerTrust.NO_ANCHOR, issueTimeKnown: issueTime !== undefined, hubKeyNotRevoked: false },
    record: { kind: 'OFFLINE' },
    quantity: { kind: 'OFFLINE' },
    dataset: recheckDataset(input.document, { issueTime: at, recordedProfile: null, rulesVersion: FIRST_RULES_VERSION, catalog: input.catalog, hs: input.hs }),
  });
  return { ...assessment, issueTime: issueTime?.toISOString() ?? null, documentHash: contentHash };
}
