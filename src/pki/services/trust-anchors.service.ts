import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuditInput, AuditService } from '../../audit/audit.service';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { ParsedCertificate } from '../crypto/x509';
import { AnchorOwner, KeyOwnerType, anchorOwnerLabel } from '../domain/key-owner';
import { ListAnchorsQuery } from '../dto/list-keys.query';
import { TrustAnchorView } from '../dto/pki.views';
import { RegisterTrustAnchorDto } from '../dto/trust.dto';
import { TrustAnchorEntity } from '../entities/trust-anchor.entity';
import { PkiError, PkiErrorCode } from '../pki.error';
import { readPemCertificates } from './certificate-input';
import { KeyOwnerResolver } from './key-owner.resolver';
import { toTrustAnchorView } from './pki.mappers';
import { PkiStore, PkiTopic } from '../pki.store';

function registrationEntry(anchor: TrustAnchorEntity, owner: AnchorOwner, actor: string): AuditInput {
  return {
    actor,
    action: AuditAction.TRUST_ANCHOR_REGISTERED,
    entityType: 'trust_anchor',
    entityId: anchor.id,
    details: { owner: anchorOwnerLabel(owner), subject: anchor.subject, fingerprintSha256: anchor.fingerprintSha256 },
  };
}

/** The CA certificates an owner's signing certificates must chain to, registered by the operator. */
@Injectable()
export class TrustAnchorsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(TrustAnchorEntity) private readonly anchors: Repository<TrustAnchorEntity>,
    private readonly owners: KeyOwnerResolver,
    private readonly store: PkiStore,
    private readonly audit: AuditService,
  ) {}

  async register(dto: RegisterTrustAnchorDto, actor: string): Promise<TrustAnchorView> {
    const owner = await this.owners.resolveAnchorOwner(dto);
    const [certificate] = readPemCertificates(dto.certificatePem);
    if (!certificate) throw new PkiError(PkiErrorCode.NO_CERTIFICATE, 'certificatePem holds no CERTIFICATE PEM block');
    const saved = await this.uow.run(async (tx) => {
      const anchor = await this.insert(tx.manager, owner, certificate, dto.label ?? null);
      this.store.forgetOnCommit(tx, PkiTopic.TRUST_ANCHORS);
      tx.add(AUDIT_ENTRY, registrationEntry(anchor, owner, actor));
      return anchor;
    });
    return toTrustAnchorView(saved);
  }

  /** Inserts an anchor in the caller's transaction (also used by the development PKI). */
  async insert(manager: EntityManager, owner: AnchorOwner, certificate: ParsedCertificate, label: string | null): Promise<TrustAnchorEntity> {
    if (!certificate.basicConstraints?.cA || (certificate.keyUsage && !certificate.keyUsage.keyCertSign)) {
      throw new PkiError(PkiErrorCode.TRUST_ANCHOR_NOT_CA, `"${certificate.subject.text}" is not a CA certificate (basicConstraints cA with keyCertSign): register the CA that issues the signing certificates`);
    }
    return this.store.insertAnchor(manager, {
      ownerType: owner.type,
      authorityId: owner.type === KeyOwnerType.AUTHORITY ? owner.authorityId : null,
      authorityCode: owner.type === KeyOwnerType.AUTHORITY ? owner.code : null,
      label,
      certificateDer: certificate.der,
      fingerprintSha256: certificate.fingerprintSha256,
      subject: certificate.subject.text,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    });
  }

  /** The registration's audit entry in the caller's transaction (the development PKI's, which is not a unit of work). */
  async recordRegistration(manager: EntityManager, anchor: TrustAnchorEntity, owner: AnchorOwner, actor: string): Promise<void> {
    await this.audit.append(manager, registrationEntry(anchor, owner, actor));
  }

  async list(query: ListAnchorsQuery): Promise<TrustAnchorView[]> {
    const qb = this.anchors.createQueryBuilder('a').orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (query.authority !== undefined || query.node !== undefined || query.partnerNodes !== undefined) {
      const owner = await this.owners.resolveAnchorOwner(query);
      if (owner.type === KeyOwnerType.AUTHORITY) qb.andWhere('a.authority_id = :authorityId', { authorityId: owner.authorityId });
      else qb.andWhere('a.owner_type = :type', { type: owner.type });
    }
    return (await qb.getMany()).map(toTrustAnchorView);
  }
}
