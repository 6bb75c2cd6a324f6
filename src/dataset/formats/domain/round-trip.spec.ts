import * as fc from 'fast-check';
import { canonicalJson } from '../../../core/canonical/canonical-json';
import { validateIssuedCertificateShape } from '../../validate-shape';
import { edi3SchemaProblems } from '../edi3/edi3-schema';
import { arbitraryIssuedDocument } from '../testing/arbitrary-document';
import { buildIssuedDocument } from '../testing/issued-document';
import { leavesOf, fieldOf } from './dataset-paths';
import { datasetToEdi3, edi3ToDataset } from './edi3-certificate';
import { mappingOf } from './field-mapping';
import { datasetToUbl, ublToDataset } from './ubl-certificate';

function shapeValid(doc: object): boolean {
  // Documents as the hub issues them: the copy number is set on the issued form only.
  return validateIssuedCertificateShape({ issuingAuthority: 'TH-DFT', issueDateTime: '2026-05-12T09:00:00.000Z', ...doc }).violations.length === 0;
}

describe('round trips: dataset -> format -> dataset gives the same document', () => {
  it('the shared sample, every optional field set, through UBL and through edi3', () => {
    const doc = buildIssuedDocument();
    const ubl = ublToDataset(datasetToUbl(doc));
    const edi3 = edi3ToDataset(datasetToEdi3(doc));
    expect(ubl.ok && canonicalJson(ubl.document)).toBe(canonicalJson(doc));
    expect(edi3.ok && canonicalJson(edi3.document)).toBe(canonicalJson(doc));
  });

  it('keeps the characters an XML parser would read as line ends (CR, NEL, LINE SEPARATOR) as they were', () => {
    const sample = buildIssuedDocument();
    const exporter = { ...sample.exporter, name: `${sample.exporter.name}\r\n\t\u0085`, address: { ...sample.exporter.address, city: 'Phnom\rPenh\u0085 \u2028' } };
    const doc = { ...sample, exporter };
    const ubl = ublToDataset(datasetToUbl(doc));
    expect(ubl.ok && canonicalJson(ubl.document)).toBe(canonicalJson(doc));
  });

  it('generated valid documents through UBL, field by field', () => {
    fc.assert(
      fc.property(arbitraryIssuedDocument, (doc) => {
        fc.pre(shapeValid(doc));
        const back = ublToDataset(datasetToUbl(doc));
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(leavesOf(back.document)).toEqual(expect.arrayContaining(leavesOf(doc)));
        expect(canonicalJson(back.document)).toBe(canonicalJson(doc));
      }),
      { numRuns: 50 },
    );
  });

  it('generated valid documents through edi3, which conform to the shipped schema', () => {
    fc.assert(
      fc.property(arbitraryIssuedDocument, (doc) => {
        fc.pre(shapeValid(doc));
        const edi3 = datasetToEdi3(doc);
        expect(edi3SchemaProblems(edi3)).toEqual([]);
        const back = edi3ToDataset(JSON.parse(JSON.stringify(edi3)));
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(canonicalJson(back.document)).toBe(canonicalJson(doc));
      }),
      { numRuns: 50 },
    );
  });

  it('each format carries in its extension only the fields it has no place for', () => {
    const doc = buildIssuedDocument();
    const edi3 = datasetToEdi3(doc) as { hubExtension: Array<{ path: string }> };
    for (const entry of edi3.hubExtension) expect(mappingOf(fieldOf(entry.path))?.edi3 ?? null).toBeNull();
    const xml = datasetToUbl(doc);
    const carried = [...xml.matchAll(/<hub:Field path="([^"]+)"/g)].map((match) => match[1]);
    expect(carried).toEqual(expect.arrayContaining(['preferential', 'agreement', 'transport.meansName', 'copyNumber', 'issuedRetroactively', 'thirdPartyInvoicing.party.name']));
    for (const path of carried) expect(mappingOf(fieldOf(path))?.ubl ?? null).toBeNull();
  });

  it('edge cases: characters XML escapes, carriage returns, leading spaces, one item without any optional field', () => {
    const doc = buildIssuedDocument({
      remarks: ' <b>&amp;</b> "quoted" \r\n second line\ttab ',
      items: [{ itemNumber: 1, description: 'Rice ]]> & <cdata>', hsCode: '100630', originCountry: 'TH' }],
      invoices: undefined,
      producer: undefined,
      producerDisclosure: 'AVAILABLE_ON_REQUEST' as never,
      exporterDeclaration: undefined,
      certification: undefined,
    });
    for (const key of Object.keys(doc) as Array<keyof typeof doc>) if (doc[key] === undefined) delete doc[key];
    const ubl = ublToDataset(datasetToUbl(doc));
    const edi3 = edi3ToDataset(datasetToEdi3(doc));
    expect(ubl.ok && canonicalJson(ubl.document)).toBe(canonicalJson(doc));
    expect(edi3.ok && canonicalJson(edi3.document)).toBe(canonicalJson(doc));
  });
});
