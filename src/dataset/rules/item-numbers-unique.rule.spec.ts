import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { itemNumbersUniqueRule } from './item-numbers-unique.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-001 item numbers unique', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(itemNumbersUniqueRule, buildCertificate())).toEqual([]);
  });

  it('reports the second use of a number', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2 }), buildItem({ itemNumber: 2 })] });
    expect(checkRule(itemNumbersUniqueRule, doc)).toEqual([['CO-ITEM-001', 'error', 'items[2].itemNumber']]);
  });
});
