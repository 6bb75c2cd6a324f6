import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { itemNumbersConsecutiveRule } from './item-numbers-consecutive.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-002 item numbers consecutive from 1', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(itemNumbersConsecutiveRule, buildCertificate())).toEqual([]);
  });

  it('warns about a gap', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 3 })] });
    expect(checkRule(itemNumbersConsecutiveRule, doc)).toEqual([['CO-ITEM-002', 'warning', 'items[1].itemNumber']]);
  });

  it('warns about numbering that does not start at 1', () => {
    const doc = buildCertificate({ items: [buildItem({ itemNumber: 2 })] });
    expect(checkRule(itemNumbersConsecutiveRule, doc)).toEqual([['CO-ITEM-002', 'warning', 'items[0].itemNumber']]);
  });

  it('leaves repeated numbers to CO-ITEM-001', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem()] });
    expect(checkRule(itemNumbersConsecutiveRule, doc)).toEqual([]);
  });
});
