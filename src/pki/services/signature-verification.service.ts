import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { CmsVerification } from '../crypto/cms-verification';
import { verifyDetachedCms } from '../crypto/cms-verifier';
import { HubRevocation, withHubRevocation } from '../domain/hub-revocation';
import { KeyOwner } from '../domain/key-owner';
import { PkiStore } from './pki.store';

export interface VerifySignatureInput {
  // The authority (or the node) that is expected to have signed.
  owner: KeyOwner;
  content: Buffer;
  cmsDer: Buffer;
  // The hub-recorded issue time, never the signer's own signing-time claim.
  issueTime: Date;
  // For CRL currency; defaults to the clock.
  now?: Date;
}

/**
 * The one signature check of the hub (this API, the verification use cases, an offline verifier):
 * verifyDetachedCms fed from the database (the expected owner's trust anchors, every registered
 * anchor to tell another authority's key from an unknown CA, the current CRLs) plus what the hub
 * itself recorded about the signer's key (an operator's revocation, dated).
 */
@Injectable()
export class SignatureVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PkiStore,
    private readonly clock: Clock,
  ) {}

  async verify(input: VerifySignatureInput, manager: EntityManager = this.dataSource.manager): Promise<CmsVerification> {
    // One after another: the manager may be a transaction's, whose single connection runs one query at a time.
    const trustAnchors = await this.store.anchorsOf(manager, input.owner);
    const knownAnchors = await this.store.allAnchors(manager);
    const crls = await this.store.currentCrls(manager);
    const result = verifyDetachedCms({
      content: input.content,
      cmsDer: input.cmsDer,
      trustAnchorsDer: trustAnchors.map((anchor) => anchor.der),
      knownAnchorsDer: knownAnchors.map((anchor) => anchor.der),
      crls,
      issueTime: input.issueTime,
      now: input.now ?? this.clock.now(),
    });
    if (!result.signer) return result;
    return withHubRevocation(result, await this.hubRevocation(manager, result.signer.fingerprintSha256), input.issueTime);
  }

  private async hubRevocation(manager: EntityManager, fingerprint: string): Promise<HubRevocation | undefined> {
    const [row]: { revoked_at: Date; revocation_reason: string | null }[] = await manager.query(
      'SELECT revoked_at, revocation_reason FROM signing_keys WHERE fingerprint_sha256 = $1 AND revoked_at IS NOT NULL',
      [fingerprint],
    );
    return row ? { revokedAt: row.revoked_at, reason: row.revocation_reason } : undefined;
  }
}
