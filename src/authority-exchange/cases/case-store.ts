import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthorityPrincipal } from '../../core/auth/principal';
import type { CertificateRecord } from '../../certificates/certificate-record';
import { CertificateRecords } from '../../certificates/certificate-records.service';
import { CertificateError } from '../../certificates/certificate.error';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { VerificationAttachmentEntity } from '../entities/verification-attachment.entity';
import { AuthorityExchangeError, AuthorityExchangeErrorCode } from '../authority-exchange.error';
import { CaseSide, caseSides, isImportingCustoms } from '../domain/parties';
import { AttachmentView, toAttachmentView } from '../dto/verification-case.view';
import { VerificationCaseEntity } from '../entities/verification-case.entity';

export interface LockedCase {
  kase: VerificationCaseEntity;
  certificate: CertificateRecord;
}

/**
 * Narrow persistence for verification cases, in the caller's transaction. Writers lock the
 * certificate first and the case second, always in that order, so they never wait on each other
 * in a circle.
 */
@Injectable()
export class CaseStore {
  constructor(private readonly certificates: CertificateRecords) {}

  /** Locks a certificate the calling importing customs may act on; anyone else gets 404. */
  async lockCertificateForCustoms(manager: EntityManager, principal: AuthorityPrincipal, certificateId: string): Promise<CertificateRecord> {
    const certificate = await this.certificates.lockForChange(manager, certificateId);
    if (!certificate || !isImportingCustoms(principal, certificate)) throw CertificateError.notFound();
    return certificate;
  }

  /** Locks a case for one of its parties acting on their side; anyone else gets 404, whatever the case says. */
  async lockForParty(manager: EntityManager, caseId: string, principal: AuthorityPrincipal, side: CaseSide): Promise<LockedCase> {
    const found = await manager.findOne(VerificationCaseEntity, { where: { id: caseId } });
    if (!found || !caseSides(principal, found).includes(side)) throw AuthorityExchangeError.caseNotFound();
    return (await this.lock(manager, caseId)) as LockedCase;
  }

  /** Locks a case and its certificate, or null when there is no such case. */
  async lock(manager: EntityManager, caseId: string): Promise<LockedCase | null> {
    const found = await manager.findOne(VerificationCaseEntity, { where: { id: caseId } });
    if (!found) return null;
    const certificate = (await this.certificates.lockForChange(manager, found.certificateId)) as CertificateRecord;
    const kase = await manager.createQueryBuilder(VerificationCaseEntity, 'v').setLock('pessimistic_write').where('v.id = :id', { id: caseId }).getOneOrFail();
    return { kase, certificate };
  }

  /** The open case of a certificate, if any. */
  async openOf(manager: EntityManager, certificateId: string): Promise<VerificationCaseEntity | null> {
    return manager.createQueryBuilder(VerificationCaseEntity, 'v').where(`v.certificate_id = :certificateId AND v.status IN ('REQUESTED', 'RESPONDED', 'OVERDUE')`, { certificateId }).getOne();
  }

  async insert(manager: EntityManager, values: Partial<VerificationCaseEntity>): Promise<VerificationCaseEntity> {
    try {
      return await manager.save(manager.create(VerificationCaseEntity, values));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_verification_cases_open')) {
        throw new AuthorityExchangeError(AuthorityExchangeErrorCode.CASE_ALREADY_OPEN, 'The certificate already has an open verification case');
      }
      throw error;
    }
  }

  /** Writes the changed fields back (TypeORM bumps the version and updated_at). */
  async update(manager: EntityManager, kase: VerificationCaseEntity, values: Partial<Pick<VerificationCaseEntity, 'status' | 'result' | 'remarks' | 'respondedAt' | 'decision' | 'decisionRemarks' | 'closedAt' | 'overdueAt'>>): Promise<void> {
    await manager.update(VerificationCaseEntity, { id: kase.id }, values);
    Object.assign(kase, values);
  }

  /** The files of a case, without their bytes. */
  async attachmentViews(manager: EntityManager, caseId: string): Promise<AttachmentView[]> {
    const rows = await manager.find(VerificationAttachmentEntity, {
      where: { caseId },
      select: { id: true, fileName: true, contentType: true, size: true, sha256: true, uploadedBy: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toAttachmentView);
  }

  async insertAttachments(manager: EntityManager, rows: Omit<VerificationAttachmentEntity, 'createdAt' | 'verificationCase'>[]): Promise<VerificationAttachmentEntity[]> {
    if (rows.length === 0) return [];
    return manager.save(rows.map((row) => manager.create(VerificationAttachmentEntity, row)));
  }
}
