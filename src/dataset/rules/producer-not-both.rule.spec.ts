import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { producerNotBothRule } from './producer-not-both.rule';
import { ProducerDisclosure } from '../dto/producer-disclosure.enum';

process.env.TZ = 'UTC';

describe('CO-PROD-002 producer and disclosure not both', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(producerNotBothRule, buildCertificate())).toEqual([]);
  });

  it('reports a producer named and withheld at once', () => {
    const doc = buildCertificate({ producerDisclosure: ProducerDisclosure.AVAILABLE_ON_REQUEST });
    expect(checkRule(producerNotBothRule, doc)).toEqual([['CO-PROD-002', 'error', 'producerDisclosure']]);
  });
});
