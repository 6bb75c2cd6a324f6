import { SupportingDocumentKind as Kind } from './application-status';
import { missingDocuments, needsCosting } from './required-documents';

describe('supporting documents a submission needs', () => {
  it('asks for the invoice and the packing list, each by its own rule', () => {
    expect(missingDocuments([{ originCriterion: 'WO' }], []).map((v) => v.ruleId)).toEqual(['APP-DOC-001', 'APP-DOC-002']);
  });

  it('asks for a cost statement or a bill of materials when an item claims RVC or CTC, naming the items', () => {
    const items = [{ originCriterion: 'WO' }, { originCriterion: 'CTSH+RVC35' }, { originCriterion: 'CTH' }];
    const found = missingDocuments(items, [Kind.INVOICE, Kind.PACKING_LIST]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'APP-DOC-003', path: 'documents' });
    expect(found[0].message).toContain('items [1], [2]');
    expect(missingDocuments(items, [Kind.INVOICE, Kind.PACKING_LIST, Kind.BILL_OF_MATERIALS])).toEqual([]);
    expect(missingDocuments(items, [Kind.INVOICE, Kind.PACKING_LIST, Kind.COST_STATEMENT])).toEqual([]);
  });

  it.each([
    ['RVC40', true],
    ['CTH', true],
    ['CTSH', true],
    ['CC', true],
    ['CTSH+RVC35', true],
    ['WO', false],
    ['PE', false],
    ['SP', false],
    [undefined, false],
  ])('%s needs costing: %s', (criterion, expected) => {
    expect(needsCosting(criterion)).toBe(expected);
  });
});
