import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActiveKeys, SIGNING_KEYS_TOPIC } from './signing/active-keys';
import { ChangeNotices } from '../core/database/change-notices/change-notices';
import { ReferenceCache } from '../core/database/change-notices/reference-cache';
import { isUniqueViolation } from '../core/database/pg-errors';
import type { Tx } from '../core/unit-of-work/unit-of-work';
import { ParsedCrl, parseCrl } from './crypto/crl';
import { ParsedCertificate, parseCertificateCached } from './crypto/x509';
import { splitDer } from './domain/der-bundle';
import { AnchorOwner, KeyOwner, KeyOwnerType, NODE_OWNER, ownerLockKey } from './domain/key-owner';
import { SigningKeyStatus } from './domain/key-status';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { TrustAnchorEntity } from './entities/trust-anchor.entity';
import { PkiError, PkiErrorCode } from './pki.error';

export function ownerOf(row: { ownerType: KeyOwnerType; authorityId: string | null; authorityCode: string | null }): KeyOwner {
  return row.ownerType === KeyOwnerType.NODE ? { type: KeyOwnerType.NODE } : { type: KeyOwnerType.AUTHORITY, authorityId: row.authorityId as string, code: row.authorityCode as string };
}

export function ownerColumns(owner: KeyOwner): Pick<SigningKeyEntity, 'ownerType' | 'authorityId' | 'authorityCode'> {
  return owner.type === KeyOwnerType.NODE
    ? { ownerType: KeyOwnerType.NODE, authorityId: null, authorityCode: null }
    : { ownerType: KeyOwnerType.AUTHORITY, authorityId: owner.authorityId, authorityCode: owner.code };
}

interface DocumentAnchorRow {
  certificate_der: Buffer;
  owner_type: KeyOwnerType;
  authority_id: string | null;
}

/** The document anchors as cached, each with its parse, and the distinct parses of them all. */
interface ParsedAnchorSet {
  rows: (DocumentAnchorRow & { parsed: ParsedCertificate })[];
  all: ParsedCertificate[];
}

/** A key of this hub as a verification sees it: revoked or not. */
export interface HubKeyRevocation {
  revoked_at: Date | null;
  revocation_reason: string | null;
}

/** The change notices' topics of the tables this store keeps (migration ReferenceChangeNotices). */
export const PkiTopic = { TRUST_ANCHORS: 'trust-anchors', CRLS: 'crls', SIGNING_KEYS: SIGNING_KEYS_TOPIC } as const;
export type PkiTopic = (typeof PkiTopic)[keyof typeof PkiTopic];

/**
 * Narrow persistence for keys, trust anchors and CRLs; every method works in the caller's transaction.
 * The anchors that certify documents and the current CRLs are kept in this process until a change
 * notice about them arrives (a trigger sends it in the changing transaction), so a verification
 * reads neither table (issue 14).
 */
@Injectable()
export class PkiStore {
  private readonly documentAnchors: ReferenceCache<DocumentAnchorRow[]>;
  private readonly parsedAnchorSets = new WeakMap<DocumentAnchorRow[], ParsedAnchorSet>();
  private readonly crls: ReferenceCache<ParsedCrl[]>;
  // Whether a certificate fingerprint is one of this hub's keys, and its revocation: every verification asks.
  private readonly hubKeys: ReferenceCache<HubKeyRevocation | null>;

  constructor(
    private readonly notices: ChangeNotices,
    private readonly activeKeys: ActiveKeys,
  ) {
    this.documentAnchors = notices.cache<DocumentAnchorRow[]>(PkiTopic.TRUST_ANCHORS);
    this.crls = notices.cache<ParsedCrl[]>(PkiTopic.CRLS);
    this.hubKeys = notices.cache<HubKeyRevocation | null>(PkiTopic.SIGNING_KEYS);
  }

  /**
   * This process forgets what it kept of the changed tables as the change commits. The change
   * notice reaches every process, this one too, but on its own connection and so possibly after the
   * answer: without this, the caller's next request (a verification right after a revocation, an
   * envelope right after a CRL) could still be judged on what was kept before the change.
   */
  forgetOnCommit(tx: Tx, ...topics: PkiTopic[]): void {
    tx.afterCommit(async () => {
      for (const topic of topics) this.notices.evict(topic);
    });
  }

  /**
   * The revocation of this hub's key with that certificate fingerprint, or undefined when the
   * certificate is no key of this hub; kept in this process until a change notice about signing keys.
   */
  async hubKeyRevocation(manager: EntityManager, fingerprint: string): Promise<HubKeyRevocation | undefined> {
    const found = await this.hubKeys.get(fingerprint, async () => {
      const [row]: HubKeyRevocation[] = await manager.query('SELECT revoked_at, revocation_reason FROM signing_keys WHERE fingerprint_sha256 = $1', [fingerprint]);
      return row ?? null;
    });
    return found ? { ...found } : undefined;
  }

  /** Serialises changes to one owner's keys (activation, rotation) until the transaction ends. */
  async lockOwner(manager: EntityManager, owner: KeyOwner): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ownerLockKey(owner)]);
  }

  async lockKey(manager: EntityManager, id: string): Promise<SigningKeyEntity> {
    const key = await manager.createQueryBuilder(SigningKeyEntity, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
    if (!key) throw PkiError.keyNotFound();
    return key;
  }

  async activeKey(manager: EntityManager, owner: KeyOwner, lock = false): Promise<SigningKeyEntity | null> {
    const qb = manager.createQueryBuilder(SigningKeyEntity, 'k').where('k.status = :active', { active: SigningKeyStatus.ACTIVE });
    if (owner.type === KeyOwnerType.NODE) qb.andWhere(`k.owner_type = 'NODE'`);
    else qb.andWhere('k.authority_id = :authorityId', { authorityId: owner.authorityId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Saves a key; a certificate already registered to another key is 409. */
  async saveKey(manager: EntityManager, key: SigningKeyEntity): Promise<SigningKeyEntity> {
    // This process stops using what it kept of the owner's active key at once; the others on the
    // change notice the commit sends (and a key kept stale fails the write it signed for: ActiveKeys).
    if (key.fingerprintSha256) this.hubKeys.evict(key.fingerprintSha256);
    this.activeKeys.forget(key.ownerType === KeyOwnerType.NODE ? NODE_OWNER : { type: KeyOwnerType.AUTHORITY, authorityId: key.authorityId as string, code: key.authorityCode ?? '' });
    try {
      return await manager.save(SigningKeyEntity, key);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_signing_keys_fingerprint')) {
        throw new PkiError(PkiErrorCode.CERTIFICATE_ALREADY_REGISTERED, `The certificate ${key.fingerprintSha256} is already registered for another key`);
      }
      throw error;
    }
  }

  async anchorsOf(manager: EntityManager, owner: AnchorOwner): Promise<ParsedCertificate[]> {
    const rows: { certificate_der: Buffer }[] =
      owner.type === KeyOwnerType.AUTHORITY
        ? await manager.query('SELECT certificate_der FROM trust_anchors WHERE authority_id = $1', [owner.authorityId])
        : await manager.query('SELECT certificate_der FROM trust_anchors WHERE owner_type = $1', [owner.type]);
    return rows.map((row) => parseCertificateCached(row.certificate_der));
  }

  /**
   * The owner's anchors and every registered anchor, in one round trip (a verification needs both: the
   * second tells another authority's key from an unknown CA).
   */
  async anchorsOfAndAll(manager: EntityManager, owner: KeyOwner | null): Promise<{ own: ParsedCertificate[]; all: ParsedCertificate[] }> {
    // Partner nodes' anchors certify envelopes, never documents.
    const rows = await this.documentAnchors.get('all', () =>
      manager.query(`SELECT certificate_der, owner_type, authority_id FROM trust_anchors WHERE owner_type <> '${KeyOwnerType.PARTNER_NODES}'`),
    );
    const anchors = this.parsedAnchors(rows);
    const mine = (row: (typeof anchors.rows)[number]): boolean =>
      owner !== null && (owner.type === KeyOwnerType.NODE ? row.owner_type === KeyOwnerType.NODE : row.authority_id === owner.authorityId);
    return { own: anchors.rows.filter(mine).map((row) => row.parsed), all: anchors.all };
  }

  /**
   * The document anchors parsed, and every distinct one, once per set the cache holds: a verification
   * parsed and deduplicated them all each time, a digest of each anchor at least, as many as there are
   * authorities registered (issue 14).
   */
  private parsedAnchors(rows: DocumentAnchorRow[]): ParsedAnchorSet {
    let parsed = this.parsedAnchorSets.get(rows);
    if (!parsed) {
      const withParsed = rows.map((row) => ({ ...row, parsed: parseCertificateCached(row.certificate_der) }));
      const all = new Map(withParsed.map((row) => [row.parsed.fingerprintSha256, row.parsed]));
      parsed = { rows: withParsed, all: [...all.values()] };
      this.parsedAnchorSets.set(rows, parsed);
    }
    return parsed;
  }

  /** Every registered anchor, whoever it belongs to (to tell another authority's key from an unknown CA). */
  async allAnchors(manager: EntityManager): Promise<ParsedCertificate[]> {
    const rows: { certificate_der: Buffer }[] = await manager.query('SELECT DISTINCT certificate_der FROM trust_anchors');
    return rows.map((row) => parseCertificateCached(row.certificate_der));
  }

  async hasAnchor(manager: EntityManager, owner: AnchorOwner, fingerprint: string): Promise<boolean> {
    const where = owner.type === KeyOwnerType.AUTHORITY ? 'authority_id = $2' : 'owner_type = $2';
    const params = [fingerprint, owner.type === KeyOwnerType.AUTHORITY ? owner.authorityId : owner.type];
    const rows: unknown[] = await manager.query(`SELECT 1 FROM trust_anchors WHERE fingerprint_sha256 = $1 AND ${where}`, params);
    return rows.length > 0;
  }

  async insertAnchor(manager: EntityManager, values: Partial<TrustAnchorEntity>): Promise<TrustAnchorEntity> {
    try {
      return await manager.save(manager.create(TrustAnchorEntity, values));
    } catch (error) {
      if (['uq_trust_anchors_authority_fingerprint', 'uq_trust_anchors_node_fingerprint', 'uq_trust_anchors_partner_nodes_fingerprint'].some((index) => isUniqueViolation(error, index))) {
        throw new PkiError(PkiErrorCode.TRUST_ANCHOR_ALREADY_REGISTERED, `The CA certificate ${values.fingerprintSha256} is already a trust anchor of this owner`);
      }
      throw error;
    }
  }

  /** The newest CRL of each issuer. */
  async currentCrls(manager: EntityManager): Promise<ParsedCrl[]> {
    return this.crls.get('current', async () => {
      const rows: { der: Buffer }[] = await manager.query('SELECT DISTINCT ON (issuer_key) der FROM crls ORDER BY issuer_key, this_update DESC, created_at DESC');
      return rows.map((row) => parseCrl(row.der));
    });
  }

  /** CA certificates the hub knows: the anchors, and the intermediates of its keys' chains (CRL issuers). */
  async knownCas(manager: EntityManager): Promise<ParsedCertificate[]> {
    const anchors = await this.allAnchors(manager);
    const rows: { chain_der: Buffer }[] = await manager.query('SELECT DISTINCT chain_der FROM signing_keys WHERE chain_der IS NOT NULL');
    const intermediates = rows.flatMap((row) => splitDer(row.chain_der)).map((der) => parseCertificateCached(der));
    const unique = new Map([...anchors, ...intermediates].map((cert) => [cert.fingerprintSha256, cert]));
    return [...unique.values()];
  }
}
