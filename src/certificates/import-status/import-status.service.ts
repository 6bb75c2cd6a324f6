import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateStore } from '../certificate-store';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { CertificateEventType, ImportStatus } from '../domain/certificate-status';
import { ImportAction, importTransition, mirrorImportStatus } from '../domain/import-status-lifecycle';
import type { CertificateRecord } from '../certificate-record';

export interface ImportStatusMove {
  from: ImportStatus;
  to: ImportStatus;
}

interface MoveContext {
  actor: string;
  at: Date;
  /** What moved it (a response id, a case id, an envelope id), kept with the event. */
  data: Record<string, unknown>;
}

/**
 * The importing customs' state of a certificate (DESIGN.md section 5): their own moves, judged by the
 * transition table, and on the issuer's side the copy that follows their messages. Every change is a
 * certificate event; the caller audits. Works in the caller's transaction.
 */
@Injectable()
export class ImportStatusService {
  constructor(private readonly store: CertificateStore) {}

  /**
   * Moves importStatus of a certificate the caller has locked, or answers 409 naming the current
   * state. A row not yet marked received (the local delivery still on its way) counts as RECEIVED.
   * The record given is left as it was read; the move returned names the state now stored.
   */
  async move(manager: EntityManager, certificate: CertificateRecord, action: ImportAction, context: MoveContext & { reason?: string | null }): Promise<ImportStatusMove> {
    const from = certificate.importStatus ?? ImportStatus.RECEIVED;
    const result = importTransition(from, action, { certificateStatus: certificate.status, reason: context.reason });
    if (!result.ok) {
      throw new CertificateError(CertificateErrorCode.ILLEGAL_IMPORT_TRANSITION, `Certificate ${certificate.certificateNumber}: ${result.reason}`, {
        currentStatus: from,
        certificateStatus: certificate.status,
      });
    }
    if (result.to !== certificate.importStatus) {
      await this.write(manager, certificate.id, { from, to: result.to }, context);
    }
    return { from, to: result.to };
  }

  /**
   * The issuer's copy follows a move the importing customs report; what the table cannot follow from
   * here stays unapplied and comes back as a warning. Locks the row.
   */
  async mirror(manager: EntityManager, certificateId: string, reported: ImportStatusMove, context: MoveContext): Promise<{ applied: boolean; current: ImportStatus; warning?: string }> {
    const certificate = await this.store.lockById(manager, certificateId);
    if (!certificate) throw CertificateError.notFound();
    const current = certificate.importStatus ?? ImportStatus.RECEIVED;
    const decision = mirrorImportStatus(current, reported);
    if (!decision.apply) return { applied: false, current, ...(decision.warning ? { warning: decision.warning } : {}) };
    await this.write(manager, certificateId, { from: current, to: reported.to }, context);
    return { applied: true, current: reported.to };
  }

  private async write(manager: EntityManager, certificateId: string, move: ImportStatusMove, context: MoveContext): Promise<void> {
    await manager.query('UPDATE certificates SET import_status = $2, version = version + 1, updated_at = now() WHERE id = $1', [certificateId, move.to]);
    await this.store.appendEvent(manager, { certificateId, type: CertificateEventType.IMPORT_STATUS_CHANGED, from: move.from, to: move.to, actor: context.actor, at: context.at, data: context.data });
  }
}
