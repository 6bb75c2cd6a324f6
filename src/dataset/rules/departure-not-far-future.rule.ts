import { dayToIsoDate, isoDateToDay } from '../dates';
import { defineRule } from './certificate-rule';
import { issueDay } from './rule-helpers';

// Certificates are applied for around shipment; a departure months ahead is most likely a typing error.
export const DEPARTURE_HORIZON_DAYS = 90;

/** CO-TRN-001 (warning): the departure date is not more than 90 days after issue. */
export const departureNotFarFutureRule = defineRule({
  id: 'CO-TRN-001',
  severity: 'warning',
  title: 'Departure is not far in the future',
  check(doc, ctx, at) {
    const departure = isoDateToDay(doc.transport?.departureDate ?? '');
    const issued = issueDay(doc, ctx);
    if (Number.isNaN(departure) || departure <= issued + DEPARTURE_HORIZON_DAYS) return [];
    return [
      at('transport.departureDate', `departure ${dayToIsoDate(departure)} is more than ${DEPARTURE_HORIZON_DAYS} days after issue (${dayToIsoDate(issued)})`),
    ];
  },
});
