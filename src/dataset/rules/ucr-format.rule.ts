import { isCountryCode } from '../code-lists';
import { defineRule } from './certificate-rule';

// WCO Unique Consignment Reference: last digit of the year, ISO country of the trader, trader id, a
// hyphen, the trader's own reference; at most 35 characters, upper case, no "/" or ":".
const UCR = /^([0-9])([A-Z]{2})([A-Z0-9]+)-([A-Z0-9][A-Z0-9.()+-]*)$/;

export function isWcoUcr(value: string): boolean {
  const match = UCR.exec(value);
  return value.length <= 35 && match !== null && isCountryCode(match[2]);
}

/** CO-UCR-001: the UCR follows the WCO format (`6TH0105561000001-CFF26051201`). */
export const ucrFormatRule = defineRule({
  id: 'CO-UCR-001',
  severity: 'error',
  title: 'The UCR follows the WCO format',
  check(doc, _ctx, at) {
    if (doc.ucr === undefined || isWcoUcr(doc.ucr)) return [];
    return [
      at('ucr', 'a UCR is a year digit, an ISO country code, the trader id, "-" and a reference: upper case, at most 35 characters, no "/" or ":"'),
    ];
  },
});
