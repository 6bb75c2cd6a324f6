import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { loadingPortInExportCountryRule } from './loading-port-in-export-country.rule';

process.env.TZ = 'UTC';

describe('CO-TRN-002 loading port in the export country', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(loadingPortInExportCountryRule, buildCertificate())).toEqual([]);
  });

  it('warns about a loading port in another country', () => {
    const doc = buildCertificate({ transport: { ...buildCertificate().transport, loadingPort: 'MYPKG' } });
    expect(checkRule(loadingPortInExportCountryRule, doc)).toEqual([['CO-TRN-002', 'warning', 'transport.loadingPort']]);
  });

  it('accepts a certificate without loading port', () => {
    const doc = buildCertificate({ transport: { ...buildCertificate().transport, loadingPort: undefined } });
    expect(checkRule(loadingPortInExportCountryRule, doc)).toEqual([]);
  });
});
