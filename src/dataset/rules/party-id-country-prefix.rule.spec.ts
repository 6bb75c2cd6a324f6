import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { partyIdCountryPrefixRule } from './party-id-country-prefix.rule';

process.env.TZ = 'UTC';

describe('CO-PARTY-001 party ids start with a country code', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(partyIdCountryPrefixRule, buildCertificate())).toEqual([]);
  });

  it.each(['0105561000001', 'tH-TAX-1', 'XX-TAX-1', 'TH_TAX_1'])('reports the exporter id %p', (id) => {
    const doc = buildCertificate({ exporter: { ...buildCertificate().exporter, id } });
    expect(checkRule(partyIdCountryPrefixRule, doc)).toEqual([['CO-PARTY-001', 'error', 'exporter.id']]);
  });

  it('checks the consignee, the producer and a third-party operator too', () => {
    const party = { id: 'TIN-123', name: 'Somebody', address: { line1: 'Street 1', country: 'KH' } };
    const doc = buildCertificate({ consignee: party, producer: party, thirdPartyInvoicing: { party } });
    expect(checkRule(partyIdCountryPrefixRule, doc)).toEqual([
      ['CO-PARTY-001', 'error', 'consignee.id'],
      ['CO-PARTY-001', 'error', 'producer.id'],
      ['CO-PARTY-001', 'error', 'thirdPartyInvoicing.party.id'],
    ]);
  });

  it('accepts a party without id', () => {
    const { id: _id, ...consignee } = buildCertificate().consignee;
    expect(checkRule(partyIdCountryPrefixRule, buildCertificate({ consignee }))).toEqual([]);
  });
});
