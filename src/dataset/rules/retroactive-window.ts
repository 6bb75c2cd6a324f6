import type { AgreementProfile } from '../agreements/agreement-profile';
import { addWorkingDays, isoDateToDay } from '../dates';
import type { CertificateDocument } from '../certificate-document';
import type { RuleContext } from './certificate-rule';
import { issueDay } from './rule-helpers';

export interface RetroactiveWindow {
  profile: AgreementProfile;
  shipmentDay: number;
  issueDay: number;
  /** Last day of issue that is not retroactive. */
  graceEndDay: number;
  /** Last day a certificate may still be issued retroactively; null: no limit. */
  limitEndDay: number | null;
}

/** Where the issue date falls against the shipment date and the agreement's grace and limit. */
export function retroactiveWindow(doc: CertificateDocument, ctx: RuleContext): RetroactiveWindow | undefined {
  const profile = ctx.profile;
  const shipmentDay = isoDateToDay(doc.transport?.departureDate ?? '');
  if (!profile || Number.isNaN(shipmentDay)) return undefined;
  const graceEndDay = profile.retroactiveGraceWorkingDays
    ? addWorkingDays(shipmentDay, profile.retroactiveGraceDays)
    : shipmentDay + profile.retroactiveGraceDays;
  const limitEndDay = profile.retroactiveLimitDays === null ? null : shipmentDay + profile.retroactiveLimitDays;
  return { profile, shipmentDay, issueDay: issueDay(doc, ctx), graceEndDay, limitEndDay };
}

export function graceLabel(profile: AgreementProfile): string {
  return `${profile.retroactiveGraceDays} ${profile.retroactiveGraceWorkingDays ? 'working ' : ''}days`;
}
