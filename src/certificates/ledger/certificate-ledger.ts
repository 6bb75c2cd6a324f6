import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { CertificateEventType } from '../domain/certificate-status';
import { ItemBalance, LedgerItem, LedgerUse, itemBalances, useProblems } from '../domain/use-ledger';
import { CertificateUseSource } from '../domain/use-ledger';
import { CertificateStore } from '../certificate-store';

export interface RecordUseInput {
  certificateId: string;
  source: CertificateUseSource;
  /** The declaration number or response id; the same reference again with the same lines is a no-op. */
  reference: string;
  lines: LedgerUse[];
  actor: string;
  at: Date;
}

export interface RecordedUse {
  /** False when this reference was recorded before with the same lines. */
  recorded: boolean;
  balances: ItemBalance[];
}

interface UseRow {
  item_number: number;
  quantity: string;
  unit: string;
  source: string;
  reference: string;
}

function itemsOf(document: Record<string, unknown>): LedgerItem[] {
  return Array.isArray(document.items) ? (document.items as LedgerItem[]) : [];
}

function toUse(row: UseRow): LedgerUse {
  return { itemNumber: row.item_number, quantity: row.quantity, unit: row.unit };
}

function sameLines(a: LedgerUse[], b: LedgerUse[]): boolean {
  const key = (lines: LedgerUse[]) =>
    lines
      .map((l) => `${l.itemNumber}|${l.unit}|${l.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/**
 * The certificate's uses as one JSON column of a read of `alias` (a certificates row): a read that
 * needs the balances beside the certificate (a verification) gets both in one statement.
 */
export function usesColumn(alias: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('item_number', u.item_number, 'quantity', trim_scale(u.quantity)::text, 'unit', u.unit, 'source', u.source, 'reference', u.reference)
                          ORDER BY u.recorded_at, u.id)
                   FROM certificate_uses u WHERE u.certificate_id = ${alias}.id), '[]'::json)`;
}

/** What each item of `document` states, what customs used (usesColumn's value), what remains. */
export function balancesOf(document: Record<string, unknown>, uses: unknown): ItemBalance[] {
  return itemBalances(itemsOf(document), (uses as UseRow[]).map(toUse));
}

/**
 * The use ledger of certificates: customs responses and matched import declarations record the
 * quantities they use; the balance per item is derived. Works in the caller's transaction.
 */
@Injectable()
export class CertificateLedger {
  constructor(
    private readonly store: CertificateStore,
    private readonly audit: AuditService,
  ) {}

  /** The balance per item: the document's items and the uses recorded, read in one statement. */
  async balances(manager: EntityManager, certificateId: string): Promise<ItemBalance[]> {
    const [row]: { document: Record<string, unknown>; uses: unknown }[] = await manager.query(`SELECT c.document, ${usesColumn('c')} AS uses FROM certificates c WHERE c.id = $1`, [certificateId]);
    if (!row) throw CertificateError.notFound();
    return balancesOf(row.document, row.uses);
  }

  /**
   * Records a use after checking it against what remains. The certificate row is locked first, so
   * two uses racing for the last quantity are judged one after the other.
   */
  async record(manager: EntityManager, input: RecordUseInput): Promise<RecordedUse> {
    const certificate = await this.store.lockById(manager, input.certificateId);
    if (!certificate) throw CertificateError.notFound();
    const uses = await this.uses(manager, input.certificateId);
    const earlier = uses.filter((u) => u.source === input.source && u.reference === input.reference).map(toUse);
    const lines = input.lines.map((l) => ({ ...l, quantity: normalise(l.quantity) }));
    if (earlier.length > 0) {
      if (!sameLines(earlier, lines)) {
        throw new CertificateError(CertificateErrorCode.USE_REFERENCE_REUSED, `Use ${input.reference} was recorded on this certificate before with other quantities`);
      }
      return { recorded: false, balances: itemBalances(itemsOf(certificate.document), uses.map(toUse)) };
    }
    const before = itemBalances(itemsOf(certificate.document), uses.map(toUse));
    const problems = useProblems(before, lines);
    if (problems.length > 0) {
      throw new CertificateError(
        CertificateErrorCode.USE_NOT_AVAILABLE,
        `Certificate ${certificate.certificateNumber} cannot cover this use`,
        { balances: before },
        problems.map((p) => ({ ruleId: 'CO-USE-001', severity: 'error' as const, path: p.path, message: p.message })),
      );
    }
    for (const line of lines) {
      await manager.query(
        `INSERT INTO certificate_uses (certificate_id, item_number, quantity, unit, source, reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [input.certificateId, line.itemNumber, line.quantity, line.unit, input.source, input.reference, input.actor, input.at],
      );
    }
    const after = itemBalances(itemsOf(certificate.document), [...uses.map(toUse), ...lines]);
    const data = { source: input.source, reference: input.reference, lines };
    await this.store.appendEvent(manager, { certificateId: input.certificateId, type: CertificateEventType.USE_RECORDED, from: null, to: null, actor: input.actor, at: input.at, data });
    await this.audit.append(manager, { actor: input.actor, action: AuditAction.CERTIFICATE_USE_RECORDED, entityType: 'certificate', entityId: input.certificateId, details: data });
    return { recorded: true, balances: after };
  }

  private uses(manager: EntityManager, certificateId: string): Promise<UseRow[]> {
    // numeric comes back as text with its six places; trimmed so "12.500000" and "12.5" compare equal
    // (balances reads them the same way).
    return manager
      .query(`SELECT item_number, trim_scale(quantity)::text AS quantity, unit, source, reference FROM certificate_uses WHERE certificate_id = $1 ORDER BY recorded_at, id`, [certificateId])
      .then((rows: UseRow[]) => rows);
  }
}

/** "12.50" and "12.5" are one quantity; stored and compared in one form. */
function normalise(quantity: string): string {
  return quantity.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
