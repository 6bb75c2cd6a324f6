import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { KeyOwnerType, ownerLabel } from '../domain/key-owner';
import { keyTransition, SigningKeyAction, SigningKeyStatus } from '../domain/key-status';
import { ListKeysQuery } from '../dto/list-keys.query';
import { SigningKeyView } from '../dto/pki.views';
import { RevokeKeyDto } from '../dto/revoke-key.dto';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { PkiError, PkiErrorCode } from '../pki.error';
import { SignerCache } from '../signing/signer-cache';
import { KeyOwnerResolver } from './key-owner.resolver';
import { toSigningKeyView } from './pki.mappers';
import { ownerOf, PkiStore, PkiTopic } from '../pki.store';

/** Listing keys, and taking them out of service: retirement and revocation stop signing at once. */
@Injectable()
export class KeyLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
    private readonly owners: KeyOwnerResolver,
    private readonly store: PkiStore,
    private readonly cache: SignerCache,
    private readonly clock: Clock,
  ) {}

  async list(query: ListKeysQuery): Promise<SigningKeyView[]> {
    const qb = this.keys.createQueryBuilder('k').orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'DESC');
    if (query.authority !== undefined || query.node !== undefined) {
      const owner = await this.owners.resolve(query);
      if (owner.type === KeyOwnerType.NODE) qb.andWhere(`k.owner_type = 'NODE'`);
      else qb.andWhere('k.authority_id = :authorityId', { authorityId: owner.authorityId });
    }
    if (query.status) qb.andWhere('k.status = :status', { status: query.status });
    return (await qb.getMany()).map((key) => toSigningKeyView(key));
  }

  async get(id: string): Promise<SigningKeyView> {
    const key = await this.keys.findOne({ where: { id } });
    if (!key) throw PkiError.keyNotFound();
    return toSigningKeyView(key);
  }

  async retire(id: string, actor: string): Promise<SigningKeyView> {
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const key = await this.store.lockKey(manager, id);
      const to = this.next(key, SigningKeyAction.RETIRE);
      key.status = to;
      key.retiredAt = this.clock.now();
      const updated = await this.store.saveKey(manager, key);
      this.store.forgetOnCommit(tx, PkiTopic.SIGNING_KEYS);
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.SIGNING_KEY_RETIRED, entityType: 'signing_key', entityId: id, details: { owner: ownerLabel(ownerOf(key)) } });
      return updated;
    });
    this.cache.forget(id);
    return toSigningKeyView(saved);
  }

  /**
   * The time of revocation is read after the key's row lock is held: an issue that signed with the
   * key holds a share lock until its commit, so its issue time always precedes the revocation.
   */
  async revoke(id: string, dto: RevokeKeyDto, actor: string): Promise<SigningKeyView> {
    const requested = dto.revokedAt === undefined ? undefined : new Date(dto.revokedAt);
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const key = await this.store.lockKey(manager, id);
      const to = this.next(key, SigningKeyAction.REVOKE);
      const now = this.clock.now();
      if (requested && requested.getTime() > now.getTime()) {
        throw RequestError.validation([{ ruleId: 'PKI-REVOKE-001', severity: 'error', path: 'revokedAt', message: 'revokedAt may not lie in the future' }]);
      }
      key.status = to;
      key.revokedAt = requested ?? now;
      key.revocationReason = dto.reason.normalize('NFC');
      const updated = await this.store.saveKey(manager, key);
      this.store.forgetOnCommit(tx, PkiTopic.SIGNING_KEYS);
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.SIGNING_KEY_REVOKED,
        entityType: 'signing_key',
        entityId: id,
        details: { owner: ownerLabel(ownerOf(key)), revokedAt: updated.revokedAt?.toISOString(), reason: updated.revocationReason },
      });
      return updated;
    });
    this.cache.forget(id);
    return toSigningKeyView(saved);
  }

  private next(key: SigningKeyEntity, action: SigningKeyAction): SigningKeyStatus {
    const result = keyTransition(key.status, action);
    if (!result.ok) throw new PkiError(PkiErrorCode.ILLEGAL_KEY_TRANSITION, `Signing key ${key.id}: ${result.reason}`, { currentStatus: key.status });
    return result.to;
  }
}
