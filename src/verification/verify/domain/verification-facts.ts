import type { CmsVerification } from '../../../pki/crypto/cms-verification';
import type { ItemBalance } from '../../../certificates/domain/use-ledger';
import type { Violation } from '../../../core/errors/violation';

// What the verification knows when it judges: gathered by the hub (from its records) or by the
// offline verifier (from files), then judged by the same pure functions.

/** Whether the authority named as issuer is known to the verifier and has trust anchors. */
export enum IssuerTrust {
  ANCHORED = 'ANCHORED',
  NO_ANCHOR = 'NO_ANCHOR',
  UNKNOWN_ISSUER = 'UNKNOWN_ISSUER',
}

export type SignatureFacts =
  | {
      kind: 'VERIFIED';
      cms: CmsVerification;
      issuer: IssuerTrust;
      // False when the document gave no usable issue time (the signer was then judged at `now`).
      issueTimeKnown: boolean;
      // The hub holds the signing key and has not revoked it: its own record is revocation data.
      hubKeyNotRevoked: boolean;
    }
  // The hub's record of the certificate carries no signature.
  | { kind: 'UNSIGNED' }
  | { kind: 'NOT_FOUND' };

/** The issuer's and the importing side's states of a certificate. */
export enum IssuerStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  REPLACED = 'REPLACED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

export type RecordFacts =
  | {
      kind: 'FOUND';
      status: IssuerStatus | string;
      importStatus: string | null;
      expiresAt: Date | null;
      replacedByNumber: string | null;
      documentHash: string | null;
    }
  | { kind: 'NOT_FOUND' }
  | { kind: 'OFFLINE' }
  // Offline, a credential's status as its issuer's signed Bitstring Status Lists publish it (the issuer's
  // state only: the importing side's is not published). `problem` when the lists cannot be relied on.
  | { kind: 'PUBLISHED'; status: IssuerStatus | null; expiresAt: Date | null; replacedByNumber: string | null; problem?: string };

// One item's balance in the ledger of uses (decimals as strings, as the dataset writes them).
export type { ItemBalance } from '../../../certificates/domain/use-ledger';

export type QuantityFacts = { kind: 'BALANCES'; balances: ItemBalance[] } | { kind: 'UNAVAILABLE' } | { kind: 'OFFLINE' } | { kind: 'NOT_FOUND' };

export interface DatasetVersions {
  dataset: string;
  profile: string | null;
  hs: string;
}

export type DatasetFacts =
  | { kind: 'CHECKED'; violations: Violation[]; against: DatasetVersions; at: Date }
  | { kind: 'SHAPE_INVALID'; violations: Violation[] }
  | { kind: 'PROFILE_UNKNOWN'; profileVersion: string }
  | { kind: 'NOT_FOUND' };

export interface VerificationFacts {
  now: Date;
  // SHA-256 of the bytes checked (the uploaded document's canonical form, or the record's).
  contentHash: string | null;
  signature: SignatureFacts;
  record: RecordFacts;
  quantity: QuantityFacts;
  dataset: DatasetFacts;
}
