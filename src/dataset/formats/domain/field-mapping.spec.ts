import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { buildIssuedDocument } from '../testing/issued-document';
import { fieldOf, indexesOf, leavesOf } from './dataset-paths';
import { datasetToEdi3, edi3PathOf } from './edi3-certificate';
import { FIELD_MAPPINGS, mappingOf, placeAt, UBL_NAMESPACES } from './field-mapping';
import { datasetToUbl, ublPathOf } from './ubl-certificate';

const select = xpath.useNamespaces(UBL_NAMESPACES);
const doc = buildIssuedDocument({
  producer: { id: 'TH-TAX-0105561000001', name: 'Chanthaburi Fresh Fruit Co., Ltd.', address: { line1: '99 Moo 4', line2: 'Tha Chang', city: 'Chanthaburi', postcode: '22000', subdivision: 'TH-22', country: 'TH' } },
  backToBack: { originalCertificateNumber: 'SG-2026-1', originalIssuingCountry: 'SG' },
  replacesCertificateNumber: 'TH-RCEP-2026-0098700',
  exporter: { id: 'TH-TAX-0105561000001', name: 'Chanthaburi Fresh Fruit Co., Ltd.', address: { line1: '99 Moo 4', line2: 'Tha Chang', city: 'Chanthaburi', postcode: '22000', subdivision: 'TH-22', country: 'TH' } },
  consignee: { id: 'CN-USCC-91440101MA5CXXXX1X', name: 'Guangzhou Jiangnan Fruit Trading', address: { line1: 'Jiangnan Market', line2: 'Baiyun District', city: 'Guangzhou', postcode: '510000', subdivision: 'CN-GD', country: 'CN' } },
  thirdPartyInvoicing: { party: { id: 'SG-UEN-201912345K', name: 'Lion Trading Pte. Ltd.', address: { line1: '1 Raffles Place', line2: '#20-01', city: 'Singapore', postcode: '048616', subdivision: 'SG-01', country: 'SG' } } },
});
const ubl = new DOMParser().parseFromString(datasetToUbl(doc), 'application/xml');
const edi3 = datasetToEdi3(doc);

function ublValue(expression: string): string | undefined {
  const found = select(expression, ubl);
  if (typeof found === 'string') return found;
  if (!Array.isArray(found) || found.length === 0) return undefined;
  return found[0].nodeType === 2 ? (found[0] as Attr).value : (found[0].textContent ?? undefined);
}

function jsonValue(path: string): unknown {
  return path.split(/\.|(?=\[)/).reduce<unknown>((node, part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) return Array.isArray(node) ? node[Number(index[1])] : undefined;
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }, edi3);
}

describe('the mapping table is where the adapters put each field (docs/mapping.md cannot lie)', () => {
  const leaves = leavesOf(doc);

  it('the sample fills every field of the table', () => {
    const filled = new Set(leaves.map((leaf) => fieldOf(leaf.path)));
    const missing = FIELD_MAPPINGS.map((row) => row.field).filter((field) => !filled.has(field) && field !== 'producerDisclosure');
    expect(missing).toEqual([]);
  });

  it.each(leaves.map((leaf) => [leaf.path, leaf.value] as const))('%s is at its UBL XPath and its edi3 path', (path, value) => {
    const row = mappingOf(fieldOf(path));
    expect(row).toBeDefined();
    if (!row) return;
    if (row.ubl !== null) {
      const expected = row.ublCode ? row.ublCode.toUbl(value) : String(value);
      expect(ublValue(placeAt(row.ubl, indexesOf(path), 1))).toBe(expected);
      // A problem with issueDateTime (two elements, an XPath concat) is named at its date.
      expect(ublPathOf(path)).toBe(row.ubl.startsWith('concat(') ? '/coo:CertificateOfOrigin/cbc:IssueDate' : placeAt(row.ubl, indexesOf(path), 1));
    }
    if (row.edi3 !== null) {
      expect(jsonValue(placeAt(row.edi3, indexesOf(path), 0))).toBe(value);
      expect(edi3PathOf(path)).toBe(placeAt(row.edi3, indexesOf(path), 0));
    }
  });

  it('names the place of a whole object in each format', () => {
    expect(ublPathOf('exporter')).toBe('/coo:CertificateOfOrigin/cac:ExporterParty');
    expect(ublPathOf('items[1]')).toBe('/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:Shipment');
    expect(edi3PathOf('consignee')).toBe('supplyChainConsignment.importer');
    expect(ublPathOf('preferential')).toContain("hub:Field[@path='preferential']");
  });
});
