import type { Violation } from '../../core/errors/violation';
import { SupportingDocumentKind } from './application-status';

interface ItemCriteria {
  originCriterion?: unknown;
}

// Criteria that need the exporter's costing: a regional value content (RVCnn) or a change in tariff
// classification (CC, CTH, CTSH), alone or combined (`CTSH+RVC35`).
const COSTED = /^(RVC\d*|CC|CTH|CTSH)$/;

/** Whether an item's origin criterion is an RVC or CTC one. */
export function needsCosting(criterion: unknown): boolean {
  return typeof criterion === 'string' && criterion.split('+').some((part) => COSTED.test(part.trim()));
}

/**
 * The supporting documents a submission needs: the commercial invoice and the packing list always,
 * and a cost statement or a bill of materials when an item claims origin by RVC or CTC.
 */
export function missingDocuments(items: readonly ItemCriteria[], uploaded: readonly SupportingDocumentKind[]): Violation[] {
  const has = (kind: SupportingDocumentKind) => uploaded.includes(kind);
  const violations: Violation[] = [];
  const need = (ruleId: string, message: string) => violations.push({ ruleId, severity: 'error', path: 'documents', message });
  if (!has(SupportingDocumentKind.INVOICE)) need('APP-DOC-001', 'upload the commercial invoice (kind INVOICE)');
  if (!has(SupportingDocumentKind.PACKING_LIST)) need('APP-DOC-002', 'upload the packing list (kind PACKING_LIST)');
  const costed = items.flatMap((item, i) => (needsCosting(item.originCriterion) ? [i] : []));
  if (costed.length > 0 && !has(SupportingDocumentKind.COST_STATEMENT) && !has(SupportingDocumentKind.BILL_OF_MATERIALS)) {
    need('APP-DOC-003', `items ${costed.map((i) => `[${i}]`).join(', ')} claim origin by RVC or a change in tariff classification: upload a COST_STATEMENT or a BILL_OF_MATERIALS`);
  }
  return violations;
}
