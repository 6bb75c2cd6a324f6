import { canonicalDeclaration, declarationHash } from '../../dataset/exporter-declaration';
import { declarationViolations, signatureStillCovers } from './declaration';

const document = {
  certificateNumber: 'KH-1',
  exporter: { id: 'KH-TIN-1', name: 'Angkor Rice' },
  exporterDeclaration: { statement: 'The goods originate in Cambodia', place: 'Phnom Penh', date: '2026-12-01', signatoryName: 'Sok Dara' },
  items: [{ itemNumber: 1, hsCode: '100630' }],
  transport: { modeCode: '1' },
};

describe("the exporter's declaration", () => {
  it('is the RFC 8785 form of the exporter, its declaration and the items', () => {
    expect(canonicalDeclaration(document).toString('utf8')).toBe(
      '{"exporter":{"id":"KH-TIN-1","name":"Angkor Rice"},"exporterDeclaration":{"date":"2026-12-01","place":"Phnom Penh","signatoryName":"Sok Dara","statement":"The goods originate in Cambodia"},"items":[{"hsCode":"100630","itemNumber":1}]}',
    );
  });

  it('keeps its hash when something it does not cover changes, and loses it when it does', () => {
    const signed = declarationHash(document);
    expect(signatureStillCovers(signed, declarationHash({ ...document, certificateNumber: 'KH-2', transport: { modeCode: '4' } }))).toBe(true);
    expect(signatureStillCovers(signed, declarationHash({ ...document, items: [{ itemNumber: 1, hsCode: '100640' }] }))).toBe(false);
    expect(signatureStillCovers(signed, declarationHash({ ...document, exporter: { id: 'KH-TIN-1', name: 'Angkor Rice Ltd' } }))).toBe(false);
    expect(signatureStillCovers(null, declarationHash(document))).toBe(false);
  });

  it('is required in full to submit, each missing field named', () => {
    expect(declarationViolations(document)).toEqual([]);
    expect(declarationViolations({ ...document, exporterDeclaration: undefined }).map((v) => v.path)).toEqual(['exporterDeclaration']);
    expect(declarationViolations({ ...document, exporterDeclaration: { statement: 'x', place: ' ' } }).map((v) => v.path)).toEqual([
      'exporterDeclaration.place',
      'exporterDeclaration.date',
      'exporterDeclaration.signatoryName',
    ]);
  });
});
