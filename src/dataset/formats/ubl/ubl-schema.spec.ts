import { datasetToUbl } from '../domain/ubl-certificate';
import { buildIssuedDocument } from '../testing/issued-document';
import { ublSchemaProblems } from './ubl-schema';
import { edi3SchemaProblems } from '../edi3/edi3-schema';
import { datasetToEdi3 } from '../domain/edi3-certificate';

describe('schema validation of what the hub reads and writes', () => {
  it('the UBL rendition of the sample validates against the shipped UBL 2.4 schema (libxml2 in WebAssembly)', async () => {
    expect(await ublSchemaProblems(datasetToUbl(buildIssuedDocument(), { signed: true, record: { recordHash: '00'.repeat(32) } }))).toEqual([]);
  });

  it('names every schema error of a document that breaks the UBL schema', async () => {
    const xml = datasetToUbl(buildIssuedDocument());
    expect(await ublSchemaProblems(xml.replace('<cbc:UBLVersionID>', '<cbc:Unknown>x</cbc:Unknown><cbc:UBLVersionID>'))).toEqual([
      { path: 'line 1', message: expect.stringContaining("Element '{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Unknown': This element is not expected") },
    ]);
    expect(await ublSchemaProblems(xml.replace(/<cac:IssuerEndorsement>[\s\S]*<\/cac:IssuerEndorsement>/, ''))).toEqual([
      { path: 'line 1', message: expect.stringContaining('Missing child element(s)') },
    ]);
    expect(await ublSchemaProblems(xml.replace('<cbc:GrossWeightMeasure unitCode="KGM">19800<', '<cbc:GrossWeightMeasure unitCode="KGM">heavy<'))).toEqual([
      { path: 'line 1', message: expect.stringContaining("GrossWeightMeasure': 'heavy' is not a valid value") },
    ]);
  });

  it('names every way edi3 JSON breaks the shipped schema, with JSON paths', () => {
    const edi3 = datasetToEdi3(buildIssuedDocument()) as Record<string, any>;
    edi3.isPreferential = 'yes';
    edi3.extra = 1;
    delete edi3.supplyChainConsignment.includedConsignmentItems[0].tradeLineItems[0].tradeProduct;
    edi3.supplyChainConsignment.includedConsignmentItems[0].tradeLineItems[0].sequenceNumber = -1;
    expect(edi3SchemaProblems(edi3)).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'is not a property of the edi3 Certificate of Origin' },
        { path: 'isPreferential', message: 'must be boolean' },
        { path: 'supplyChainConsignment.includedConsignmentItems[0].tradeLineItems[0].sequenceNumber', message: 'must be >= 0' },
      ]),
    );
  });
});
