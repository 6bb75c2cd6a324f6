import { dayToIsoDate } from '../dates';
import { defineRule } from './certificate-rule';
import { graceLabel, retroactiveWindow } from './retroactive-window';

/**
 * CO-RETRO-001: a certificate issued after the agreement's grace following shipment is marked
 * `issuedRetroactively` (the "Issued Retroactively" provisions: RCEP Chapter 3 Section B, ATIGA Annex 8 Rule 11).
 */
export const retroactiveFlagRequiredRule = defineRule({
  id: 'CO-RETRO-001',
  severity: 'error',
  title: 'Issued after the grace period: marked issued retroactively',
  check(doc, ctx, at) {
    const w = retroactiveWindow(doc, ctx);
    if (!w || doc.issuedRetroactively || w.issueDay <= w.graceEndDay) return [];
    if (w.limitEndDay !== null && w.issueDay > w.limitEndDay) return []; // CO-RETRO-003: cannot be issued at all
    return [
      at(
        'issuedRetroactively',
        `shipped on ${dayToIsoDate(w.shipmentDay)}, more than ${graceLabel(w.profile)} before issue (${dayToIsoDate(w.issueDay)}): ` +
          'the certificate must be marked issued retroactively',
      ),
    ];
  },
});
