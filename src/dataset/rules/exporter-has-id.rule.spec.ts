import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { exporterHasIdRule } from './exporter-has-id.rule';

process.env.TZ = 'UTC';

describe('CO-PARTY-004 exporter has an id', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(exporterHasIdRule, buildCertificate())).toEqual([]);
  });

  it('reports an exporter without id', () => {
    const { id: _id, ...exporter } = buildCertificate().exporter;
    expect(checkRule(exporterHasIdRule, buildCertificate({ exporter }))).toEqual([['CO-PARTY-004', 'error', 'exporter.id']]);
  });
});
