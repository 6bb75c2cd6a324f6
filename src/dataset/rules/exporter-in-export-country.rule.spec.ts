import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { exporterInExportCountryRule } from './exporter-in-export-country.rule';

process.env.TZ = 'UTC';

describe('CO-PARTY-002 exporter in the export country', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(exporterInExportCountryRule, buildCertificate())).toEqual([]);
  });

  it('warns about an exporter addressed in another country', () => {
    const base = buildCertificate().exporter;
    const doc = buildCertificate({ exporter: { ...base, address: { ...base.address, country: 'SG' } } });
    expect(checkRule(exporterInExportCountryRule, doc)).toEqual([['CO-PARTY-002', 'warning', 'exporter.address.country']]);
  });
});
