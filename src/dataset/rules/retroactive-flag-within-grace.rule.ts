import { dayToIsoDate } from '../dates';
import { defineRule } from './certificate-rule';
import { graceLabel, retroactiveWindow } from './retroactive-window';

/** CO-RETRO-002 (warning): a certificate issued within the grace after shipment need not be marked retroactive. */
export const retroactiveFlagWithinGraceRule = defineRule({
  id: 'CO-RETRO-002',
  severity: 'warning',
  title: 'Marked issued retroactively although within the grace period',
  check(doc, ctx, at) {
    const w = retroactiveWindow(doc, ctx);
    if (!w || !doc.issuedRetroactively || w.issueDay > w.graceEndDay) return [];
    return [
      at(
        'issuedRetroactively',
        `issued ${dayToIsoDate(w.issueDay)}, within ${graceLabel(w.profile)} of shipment (${dayToIsoDate(w.shipmentDay)}): not retroactive`,
      ),
    ];
  },
});
