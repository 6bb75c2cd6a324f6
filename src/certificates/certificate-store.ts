import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { hydrateRow } from '../core/database/hydrate-row';
import { isUniqueViolation } from '../core/database/pg-errors';
import type { SqlStatement } from '../core/unit-of-work/effects';
import type { Tx } from '../core/unit-of-work/unit-of-work';
import { randomUUID } from 'node:crypto';
import type { CertificateEvent } from './certificate-event.effect';
import { CertificateError, CertificateErrorCode } from './certificate.error';
import { CertificateAction, transition } from './domain/certificate-lifecycle';
import { CertificateStatus } from './domain/certificate-status';
import { CertificateEntity } from './entities/certificate.entity';

// A foreign key declared both as a column and as a relation (issuingAuthorityId, signingKeyId) is
// read from its plain property: TypeORM would look for it in the relation's object.
function columnValue(column: ColumnMetadata, certificate: CertificateEntity): unknown {
  return column.relationMetadata ? (certificate as unknown as Record<string, unknown>)[column.propertyName] : column.getEntityValue(certificate);
}

/**
 * The issuer's own certificate by id ($1) and issuing authority ($2). The authority is compared with
 * IS NOT DISTINCT FROM (the column is NOT NULL, so it means `=`), which PostgreSQL never takes as an
 * index condition: the row is found by its primary key alone. With `=`, the generic plan a named
 * statement keeps could take an index that leads with the authority (uq_certificates_identity), and
 * read every certificate of the authority for each issue. Under issue 14's create + issue load on a
 * server with autovacuum off (pg_stat_statements, 10-second windows) it did: the read took 0.5 ms a
 * call in the first window, 1.5 ms in the second and 3.2 ms in the third, with 4,000 certificates
 * stored.
 */
export const OWN_BY_ID = 'id = $1 AND issuing_authority_id IS NOT DISTINCT FROM $2';

/**
 * The row version (PostgreSQL's xmin: the transaction that wrote this version of the row) each
 * certificate was read or written at. An UPDATE in any later transaction, by the hub or by anyone
 * else, makes a row version with another xmin: a committed row read again at the same xmin is the
 * same row version, whatever its `version` column says.
 */
const ROW_XMIN = 'xmin::text AS ecoo_row_xmin';
const rowVersions = new WeakMap<CertificateEntity, string>();

function keepRowVersion(certificate: CertificateEntity, row: Record<string, unknown>): CertificateEntity {
  if (typeof row.ecoo_row_xmin === 'string') rowVersions.set(certificate, row.ecoo_row_xmin);
  return certificate;
}

/** Narrow persistence for the certificate use cases; every method works in the caller's transaction. */
@Injectable()
export class CertificateStore {
  /** Locks the issuer's own certificate for a state change; anything else is 404. */
  async lockOwn(manager: EntityManager, id: string, authorityId: string): Promise<CertificateEntity> {
    const found = await this.lockedWhere(manager, OWN_BY_ID, [id, authorityId]);
    if (!found) throw CertificateError.notFound();
    return found;
  }

  /**
   * The issuer's own certificate, read without a lock, and the condition under which a write of it
   * holds: the row still at the version read (taken FOR UPDATE by the write's statement itself, which
   * raises when it changed, and the change runs once more). Anything else is 404.
   */
  async readOwnForChange(tx: Tx, id: string, authorityId: string): Promise<CertificateEntity> {
    const rows = (await tx.manager.query(`SELECT *, ${ROW_XMIN} FROM certificates WHERE ${OWN_BY_ID}`, [id, authorityId])) as Record<string, unknown>[];
    if (!rows[0]) throw CertificateError.notFound();
    const certificate = keepRowVersion(hydrateRow<CertificateEntity>(tx.manager.connection, tx.manager.connection.getMetadata(CertificateEntity), rows[0]), rows[0]);
    const read = certificate.version;
    tx.require({
      sql: { text: 'ecoo_certificate_at_version($1::uuid, $2::integer)', values: [certificate.id, read] },
      onFailure: () => undefined,
      failure: () => new CertificateError(CertificateErrorCode.ILLEGAL_TRANSITION, `Certificate ${certificate.certificateNumber} changed twice while this change was written; try again`, {}),
    });
    return certificate;
  }

  /**
   * The issuer's certificate under this number (copy `copyNumber`), or null: every column of
   * uq_certificates_identity given by equality, so the one row is found through it whatever plan a
   * connection keeps for the statement.
   */
  async findOwnByNumber(manager: EntityManager, authorityId: string, number: string, copyNumber = 0): Promise<CertificateEntity | null> {
    const text = 'SELECT * FROM certificates WHERE issuing_authority_id = $1 AND certificate_number = $2 AND copy_number = $3';
    const rows = (await manager.query(text, [authorityId, number, copyNumber])) as Record<string, unknown>[];
    return rows[0] ? hydrateRow<CertificateEntity>(manager.connection, manager.connection.getMetadata(CertificateEntity), rows[0]) : null;
  }

  /**
   * Which of these numbers the issuer already holds a certificate under (the original, copy 0), in
   * one read: a batch posted again learns it before it signs anything. A number PostgreSQL's text
   * cannot hold (a NUL) is no certificate's and is not asked for.
   */
  async numbersTaken(manager: EntityManager, authorityId: string, numbers: readonly (string | undefined)[]): Promise<Set<string>> {
    const asked = [...new Set(numbers.filter((n): n is string => n !== undefined && !n.includes('\u0000')))];
    if (asked.length === 0) return new Set();
    const rows = (await manager.query('SELECT certificate_number FROM certificates WHERE issuing_authority_id = $1 AND certificate_number = ANY($2::text[]) AND copy_number = 0', [authorityId, asked])) as {
      certificate_number: string;
    }[];
    return new Set(rows.map((row) => row.certificate_number));
  }

  async lockById(manager: EntityManager, id: string): Promise<CertificateEntity | null> {
    return this.lockedWhere(manager, 'id = $1', [id]);
  }

  /**
   * The row locked FOR UPDATE, in plain SQL hydrated as a find would be: TypeORM's query builder was
   * a large part of the CPU an issue spends in TypeORM (issue 14's profile of create + issue).
   */
  private async lockedWhere(manager: EntityManager, condition: string, values: unknown[]): Promise<CertificateEntity | null> {
    const rows = (await manager.query(`SELECT *, ${ROW_XMIN} FROM certificates WHERE ${condition} FOR UPDATE`, values)) as Record<string, unknown>[];
    return rows[0] ? keepRowVersion(hydrateRow<CertificateEntity>(manager.connection, manager.connection.getMetadata(CertificateEntity), rows[0]), rows[0]) : null;
  }

  /**
   * The row version (xmin) `certificate` was last read or written at by this store, if known: a later
   * read that finds the same one found the row unchanged by anyone since.
   */
  rowVersionOf(certificate: CertificateEntity): string | undefined {
    return rowVersions.get(certificate);
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

  /**
   * Inserts a new certificate in the same statement as the effects its unit of work collected (its
   * event, its audit entry): one round trip. The id is chosen here so the effects can name it.
   */
  async insertWith(tx: Tx, values: Partial<CertificateEntity>): Promise<CertificateEntity> {
    // The first version, as TypeORM's save sets it (the column has no default).
    return this.insertUnsavedWith(tx, this.unsaved(tx, values), 1, 'all');
  }

  /** A certificate entity with these values and an id, not written (insertUnsavedWith writes it). */
  unsaved(tx: Tx, values: Partial<CertificateEntity>): CertificateEntity {
    return tx.manager.create(CertificateEntity, { ...values, id: values.id ?? randomUUID() });
  }

  /**
   * Inserts a certificate made in memory (unsaved) as it stands, at `version`, in the same statement as
   * the effects its unit of work collected: a batch item's row is first written issued, at the version
   * its create and issue through the single endpoints would leave it (2). `returning`: every column
   * back from the row (a create's answer is the row as stored), or only those PostgreSQL set (its
   * defaults and timestamps): an issued row's canonical form and CMS are not sent back and decoded.
   */
  async insertUnsavedWith(tx: Tx, certificate: CertificateEntity, version: number, returning: 'all' | 'set by the database' = 'set by the database'): Promise<CertificateEntity> {
    const metadata = tx.manager.connection.getMetadata(CertificateEntity);
    const names: string[] = [];
    const params: unknown[] = [];
    // The columns not sent, which PostgreSQL fills (its defaults, the timestamps).
    const unsent: string[] = [];
    for (const column of metadata.columns) {
      const value = column.isCreateDate || column.isUpdateDate ? undefined : column.isVersion ? version : columnValue(column, certificate);
      if (value === undefined) {
        unsent.push(`"${column.databaseName}"`);
        continue;
      }
      params.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
      names.push(`"${column.databaseName}"`);
    }
    const back = returning === 'all' ? '*' : unsent.join(', ');
    try {
      const [row] = (await tx.flushWith({
        text: `INSERT INTO certificates (${names.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${back ? `${back}, ` : ''}${ROW_XMIN}`,
        values: params,
      })) as Record<string, unknown>[];
      // Back from RETURNING: the defaults and generated columns too, as TypeORM would read them.
      for (const column of metadata.columns) {
        if (!(column.databaseName in row)) continue;
        if (column.relationMetadata) (certificate as unknown as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
        else column.setEntityValue(certificate, row[column.databaseName]);
      }
      return keepRowVersion(certificate, row);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw CertificateError.numberTaken(certificate.certificateNumber);
      }
      throw error;
    }
  }

  async insert(manager: EntityManager, values: Partial<CertificateEntity>): Promise<CertificateEntity> {
    try {
      return await manager.save(manager.create(CertificateEntity, values));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw CertificateError.numberTaken(values.certificateNumber);
      }
      throw error;
    }
  }

  /**
   * Writes a locked certificate back in one UPDATE (TypeORM's save would first reload the row and
   * its document to diff it). A number change that collides is 409 like a create.
   */
  async save(manager: EntityManager, certificate: CertificateEntity): Promise<CertificateEntity> {
    const { assignments, values } = this.assignments(manager, certificate);
    try {
      // For an UPDATE, TypeORM's query() answers [rows, affected count].
      const [[row]]: [{ version: number; updated_at: Date; ecoo_row_xmin: string }[], number] = await manager.query(
        `UPDATE certificates SET ${assignments.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, updated_at, ${ROW_XMIN}`,
        values,
      );
      certificate.version = row.version;
      certificate.updatedAt = row.updated_at;
      return keepRowVersion(certificate, row);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw CertificateError.numberTaken(certificate.certificateNumber);
      }
      throw error;
    }
  }

  /**
   * Writes a locked certificate back in the same statement as its unit of work's effects (its event,
   * audit entry and outbox rows): one round trip, the row written once.
   */
  async saveWith(tx: Tx, certificate: CertificateEntity): Promise<CertificateEntity> {
    const { assignments, values } = this.assignments(tx.manager, certificate);
    try {
      const [row] = (await tx.flushWith({
        text: `UPDATE certificates SET ${assignments.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, updated_at`,
        values,
      })) as { version: number; updated_at: Date }[];
      certificate.version = row.version;
      certificate.updatedAt = row.updated_at;
      return certificate;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_certificates_identity')) {
        throw CertificateError.numberTaken(certificate.certificateNumber);
      }
      throw error;
    }
  }

  private assignments(manager: EntityManager, certificate: CertificateEntity): { assignments: string[]; values: unknown[] } {
    const metadata = manager.connection.getMetadata(CertificateEntity);
    const values: unknown[] = [certificate.id];
    const assignments: string[] = [];
    for (const column of metadata.columns) {
      if (column.isPrimary || column.isVersion || column.isCreateDate || column.isUpdateDate) continue;
      const value = columnValue(column, certificate);
      if (value === undefined) continue;
      values.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
      assignments.push(`"${column.databaseName}" = $${values.length}`);
    }
    return { assignments, values };
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

  /** Events in one multi-row INSERT, in the order given. */
  async insertEvents(manager: EntityManager, events: readonly CertificateEvent[]): Promise<void> {
    if (events.length === 0) return;
    const statement = this.eventsStatement(events);
    await manager.query(statement.text, statement.values);
  }

  /** The events' multi-row INSERT, for the unit of work to send with the rest of the change. */
  eventsStatement(events: readonly CertificateEvent[]): SqlStatement {
    const values: unknown[] = [];
    const tuples = events.map((event, i) => {
      values.push(event.certificateId, event.type, event.from, event.to, event.actor, event.at, JSON.stringify(event.data ?? {}));
      return `(${Array.from({ length: 7 }, (_, k) => `$${i * 7 + k + 1}`).join(', ')})`;
    });
    return { text: `INSERT INTO certificate_events (certificate_id, type, from_status, to_status, actor, occurred_at, data) VALUES ${tuples.join(', ')}`, values };
  }
}
