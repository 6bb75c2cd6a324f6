import { dayToIsoDate } from '../dates';
import { defineRule } from './certificate-rule';
import { retroactiveWindow } from './retroactive-window';

/**
 * CO-RETRO-003: no certificate is issued later after shipment than the agreement's retroactive limit
 * (one year under RCEP and ATIGA).
 */
export const retroactiveLimitRule = defineRule({
  id: 'CO-RETRO-003',
  severity: 'error',
  title: 'Not issued beyond the retroactive limit',
  check(doc, ctx, at) {
    const w = retroactiveWindow(doc, ctx);
    if (!w || w.limitEndDay === null || w.issueDay <= w.limitEndDay) return [];
    return [
      at(
        'transport.departureDate',
        `shipped on ${dayToIsoDate(w.shipmentDay)}: ${w.profile.code} allows issuance up to ${w.profile.retroactiveLimitDays} days ` +
          `after shipment (until ${dayToIsoDate(w.limitEndDay)})`,
      ),
    ];
  },
});
