import { Injectable } from '@nestjs/common';
import { ChangeNotices } from '../../core/database/change-notices/change-notices';
import { ReferenceCache } from '../../core/database/change-notices/reference-cache';
import type { WriteCondition } from '../../core/unit-of-work/effects';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { KeyOwner, KeyOwnerType } from '../domain/key-owner';

/** An owner's ACTIVE key as signing needs it. */
export interface ActiveKeyRow {
  id: string;
  not_before: Date | null;
  not_after: Date | null;
}

/** The change notices' topic of the signing_keys table (migration ReferenceChangeNotices). */
export const SIGNING_KEYS_TOPIC = 'signing-keys';

/**
 * Which key of an owner (an authority, or the hub node) is ACTIVE, kept in this process until a
 * change notice about signing keys (issue 14). What is kept never decides whether the key may sign:
 * a change that signs with it requires the key in force at its write (the function of migration
 * SigningKeysInForce, in the same statement, taking the row FOR SHARE as a read before would have),
 * so a key revoked or retired meanwhile fails the write, this process forgets what it kept, and the
 * unit of work runs the change once more, reading afresh.
 */
@Injectable()
export class ActiveKeys {
  private readonly byOwner: ReferenceCache<ActiveKeyRow | null>;

  constructor(notices: ChangeNotices) {
    this.byOwner = notices.cache<ActiveKeyRow | null>(SIGNING_KEYS_TOPIC);
  }

  /**
   * The owner's ACTIVE key, or null, read through the change's transaction on a miss. A node without
   * a stored key is kept as such (the configured key then signs until a notice says one was stored);
   * an authority without one is not (it is usually about to get one: POST /v1/pki/dev-keys).
   */
  async of(tx: Tx, owner: KeyOwner): Promise<ActiveKeyRow | null> {
    const found = await this.byOwner.get(
      ownerKey(owner),
      async () => {
        const rows: ActiveKeyRow[] =
          owner.type === KeyOwnerType.NODE
            ? await tx.manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE owner_type = 'NODE' AND status = 'ACTIVE'`)
            : await tx.manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE authority_id = $1 AND status = 'ACTIVE'`, [owner.authorityId]);
        return rows[0] ?? null;
      },
      (row) => row !== null || owner.type === KeyOwnerType.NODE,
    );
    return found && { ...found };
  }

  /** Forgets what this process kept of the owner's active key (its keys are being changed here). */
  forget(owner: KeyOwner): void {
    this.byOwner.evict(ownerKey(owner));
  }

  /** The change's write holds only if the key is still ACTIVE and valid at `signingTime`; `failure` is its error when it is not. */
  requireInForce(tx: Tx, owner: KeyOwner, keyId: string, signingTime: Date, failure: () => Error): void {
    const condition: WriteCondition = {
      sql: { text: 'ecoo_signing_keys_in_force($1::uuid[], $2::timestamptz)', values: [[keyId], signingTime] },
      onFailure: () => this.byOwner.evict(ownerKey(owner)),
      failure,
    };
    tx.require(condition);
  }
}

function ownerKey(owner: KeyOwner): string {
  return owner.type === KeyOwnerType.NODE ? 'NODE' : `authority:${owner.authorityId}`;
}
