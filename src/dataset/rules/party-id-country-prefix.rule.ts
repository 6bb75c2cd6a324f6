import { isCountryCode } from '../code-lists';
import type { PartyDto } from '../dto/party.dto';
import { defineRule } from './certificate-rule';

export function hasCountryPrefix(id: string): boolean {
  const match = /^([A-Z]{2})-[A-Za-z0-9]/.exec(id);
  return match !== null && isCountryCode(match[1]);
}

/** CO-PARTY-001: a party id starts with the ISO code of the country whose registry issued it (`KH-TIN-...`). */
export const partyIdCountryPrefixRule = defineRule({
  id: 'CO-PARTY-001',
  severity: 'error',
  title: 'Party ids start with a country code',
  check(doc, _ctx, at) {
    const parties: [string, PartyDto | undefined][] = [
      ['exporter', doc.exporter],
      ['consignee', doc.consignee],
      ['producer', doc.producer],
      ['thirdPartyInvoicing.party', doc.thirdPartyInvoicing?.party],
    ];
    return parties
      .filter(([, party]) => party?.id !== undefined && !hasCountryPrefix(party.id))
      .map(([path, party]) => at(`${path}.id`, `party id ${party?.id} must start with the country code of its registry, such as KH-TIN-...`));
  },
});
