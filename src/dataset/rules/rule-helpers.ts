import { instantToDay, isoDateToDay } from '../dates';
import type { CertificateDocument } from '../certificate-document';
import type { RuleContext } from './certificate-rule';

/**
 * The calendar day of issue: the date written in `issueDateTime` when the hub has set it (a received
 * document), otherwise the UTC date of `now` (the hub issues now).
 */
export function issueDay(doc: CertificateDocument, ctx: RuleContext): number {
  return doc.issueDateTime ? isoDateToDay(doc.issueDateTime.slice(0, 10)) : instantToDay(ctx.now);
}

/** The items with their index, tolerating a document whose items are missing. */
export function indexedItems(doc: CertificateDocument): [CertificateDocument['items'][number], number][] {
  return (doc.items ?? []).map((item, index) => [item, index]);
}

/** Whether a decimal string is zero (`"0"`, `"0.00"`). */
export function isZeroDecimal(value: string): boolean {
  return /^0+(\.0+)?$/.test(value);
}
