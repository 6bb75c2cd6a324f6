import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { thirdPartyIsNotExporterRule } from './third-party-is-not-exporter.rule';
const operator = { id: 'SG-UEN-201912345K', name: 'Lion Trading Pte. Ltd.', address: { line1: '1 Raffles Place', country: 'SG' } };

process.env.TZ = 'UTC';

describe('CO-TPI-002 third-party operator is not the exporter', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(thirdPartyIsNotExporterRule, buildCertificate())).toEqual([]);
  });

  it('warns when the third-party operator is the exporter', () => {
    const exporter = buildCertificate().exporter;
    expect(checkRule(thirdPartyIsNotExporterRule, buildCertificate({ thirdPartyInvoicing: { party: exporter } }))).toEqual([
      ['CO-TPI-002', 'warning', 'thirdPartyInvoicing.party.id'],
    ]);
  });

  it('accepts another operator', () => {
    expect(checkRule(thirdPartyIsNotExporterRule, buildCertificate({ thirdPartyInvoicing: { party: operator } }))).toEqual([]);
  });
});
