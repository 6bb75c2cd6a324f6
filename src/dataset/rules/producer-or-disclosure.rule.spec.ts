import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { producerOrDisclosureRule } from './producer-or-disclosure.rule';
import { ProducerDisclosure } from '../dto/producer-disclosure.enum';

process.env.TZ = 'UTC';

describe('CO-PROD-001 producer named or disclosed on request', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(producerOrDisclosureRule, buildCertificate())).toEqual([]);
  });

  it('reports a preferential certificate with neither producer nor disclosure', () => {
    expect(checkRule(producerOrDisclosureRule, buildCertificate({ producer: undefined }))).toEqual([['CO-PROD-001', 'error', 'producer']]);
  });

  it('accepts AVAILABLE_ON_REQUEST instead of the producer', () => {
    const doc = buildCertificate({ producer: undefined, producerDisclosure: ProducerDisclosure.AVAILABLE_ON_REQUEST });
    expect(checkRule(producerOrDisclosureRule, doc)).toEqual([]);
  });
});
