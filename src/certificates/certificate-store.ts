import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../core/database/pg-errors';
import type { CertificateEvent } from './certificate-event.effect';
import { CertificateError, CertificateErrorCode } from './certificate.error';
import { CertificateAction, transition } from './domain/certificate-lifecycle';
import { CertificateStatus } from './domain/certificate-status';
import { CertificateEntity } from './entities/certificate.entity';

/** Narrow persistence for the certificate use cases; every method works in the caller's transaction. */
@Injectable()
export class CertificateStore {
  /** Locks the issuer's own certificate for a state change; anything else is 404. */
  async lockOwn(manager: EntityManager, id: string, authorityId: string): Promise<CertificateEntity> {
    const found = await manager
      .createQueryBuilder(CertificateEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.issuing_authority_id = :authorityId', { id, authorityId })
      .getOne();
    if (!found) throw CertificateError.notFound();
    return found;
  }

  /** The issuer's certificates of copy number `copyNumber` under these numbers (one statement for a whole batch). */
  async findOwnByNumbers(manager: EntityManager, authorityId: string, numbers: string[], copyNumber = 0): Promise<CertificateEntity[]> {
    if (numbers.length === 0) return [];
    return manager
      .createQueryBuilder(CertificateEntity, 'c')
      .where('c.issuing_authority_id = :authorityId AND c.copy_number = :copyNumber AND c.certificate_number IN (:...numbers)', { authorityId, copyNumber, numbers })
      .getMany();
  }

  async lockById(manager: EntityManager, id: string): Promise<CertificateEntity | null> {
    return manager.createQueryBuilder(CertificateEntity, 'c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** Applies a lifecycle transition or answers 409 naming the current state. */
  nextStatus(certificate: CertificateEntity, action: CertificateAction, now: Date): CertificateStatus {
    const result = transition(certificate.status, action, { now, copyNumber: certificate.copyNumber, expiresAt: certificate.expiresAt });
    if (!result.ok) {
      throw new CertificateError(CertificateErrorCode.ILLEGAL_TRANSITION, `Certificate ${certificate.certificateNumber}: ${result.reason}`, {
        currentStatus: certificate.status,
      });
    }
    return result.to;
  }

  async insert(manager: EntityManager, values: Partial<CertificateEntity>): Promise<CertificateEntity> {
    try {
      return await manager.save(manager.create(CertificateEntity, values));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw new CertificateError(
          CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN,
          `Certificate number ${values.certificateNumber} is already used by this authority`,
        );
      }
      throw error;
    }
  }

  /**
   * Writes a locked certificate back in one UPDATE (TypeORM's save would first reload the row and
   * its document to diff it). A number change that collides is 409 like a create.
   */
  async save(manager: EntityManager, certificate: CertificateEntity): Promise<CertificateEntity> {
    const metadata = manager.connection.getMetadata(CertificateEntity);
    const values: unknown[] = [certificate.id];
    const assignments: string[] = [];
    for (const column of metadata.columns) {
      if (column.isPrimary || column.isVersion || column.isCreateDate || column.isUpdateDate || column.relationMetadata) continue;
      const value = column.getEntityValue(certificate);
      if (value === undefined) continue;
      values.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
      assignments.push(`"${column.databaseName}" = $${values.length}`);
    }
    try {
      // For an UPDATE, TypeORM's query() answers [rows, affected count].
      const [[row]]: [{ version: number; updated_at: Date }[], number] = await manager.query(
        `UPDATE certificates SET ${assignments.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, updated_at`,
        values,
      );
      certificate.version = row.version;
      certificate.updatedAt = row.updated_at;
      return certificate;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw new CertificateError(CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN, `Certificate number ${certificate.certificateNumber} is already used by this authority`);
      }
      throw error;
    }
  }

  async nextCopyNumber(manager: EntityManager, authorityId: string, certificateNumber: string): Promise<number> {
    const [row]: { next: number }[] = await manager.query(
      'SELECT COALESCE(MAX(copy_number), 0) + 1 AS next FROM certificates WHERE issuing_authority_id = $1 AND certificate_number = $2',
      [authorityId, certificateNumber],
    );
    return Number(row.next);
  }

  async appendEvent(manager: EntityManager, event: CertificateEvent): Promise<void> {
    await this.insertEvents(manager, [event]);
  }

  /** Events in one multi-row INSERT, in the order given (the unit of work's flush). */
  async insertEvents(manager: EntityManager, events: readonly CertificateEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const tuples = events.map((event, i) => {
      values.push(event.certificateId, event.type, event.from, event.to, event.actor, event.at, JSON.stringify(event.data ?? {}));
      return `(${Array.from({ length: 7 }, (_, k) => `$${i * 7 + k + 1}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO certificate_events (certificate_id, type, from_status, to_status, actor, occurred_at, data) VALUES ${tuples.join(', ')}`, values);
  }
}
