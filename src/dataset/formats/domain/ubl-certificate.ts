import * as xpath from 'xpath';
import type { CertificateDocument } from '../../certificate-document';
import type { PartyDto } from '../../dto/party.dto';
import { compactArrays, fieldOf, indexesOf, leavesOf, setLeaf, type LeafValue } from './dataset-paths';
import { FIELD_MAPPINGS, mappingOf, placeAt, UBL_NAMESPACES, UNCL1001_CERTIFICATE_OF_ORIGIN, UNCL1001_COMMERCIAL_INVOICE, type FieldMapping } from './field-mapping';
import { digestOfNamedInformationUri, namedInformationUri, type FormatProblem, type FormatReadResult, type RecordReference } from './format-result';
import { parseHostileXml, type XmlLimits } from './safe-xml';
import { el, serialize, text, XML_CHAR, type XmlElement } from './xml-tree';

// OASIS UBL 2.4 CertificateOfOrigin (OASIS Standard, 20 June 2024). Element order follows the
// schema's sequences (UBL-CertificateOfOrigin-2.4.xsd, UBL-CommonAggregateComponents-2.4.xsd).

/** A certificate document as issued: what the hub signs, with the copy number of a duplicate. */
export type IssuedDocument = CertificateDocument & { copyNumber?: number };

export const UBL_MEDIA_TYPE = 'application/vnd.ecoo.ubl+xml';
export const UBL_VERSION = '2.4';
/** The UBL customisation the hub writes: the common dataset v1 in UBL, with its extension. */
export const UBL_CUSTOMIZATION_ID = 'urn:ecoo-hub:ubl:certificate-of-origin:dataset-v1';
/** cbc:ID of the UBLExtension that carries the dataset fields UBL has no element for. */
export const DATASET_EXTENSION_ID = 'ecoo-dataset-v1';
/** cbc:ID of the root cac:Signature and of the UBL signature extension that holds the XML-DSig. */
export const UBL_SIGNATURE_ID = 'urn:oasis:names:specification:ubl:signature:CertificateOfOrigin';
const SIGNATURE_INFORMATION_ID = 'urn:oasis:names:specification:ubl:signature:1';
/** UBL's signature method for an enveloped XML-DSig in the signature extension (UBL 2.4 section 5.4). */
export const UBL_SIGNATURE_METHOD = 'urn:oasis:names:specification:ubl:dsig:enveloped:xades';
const SHA256_METHOD = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RECORD_DOCUMENT_TYPE = 'ecoo-canonical-record';

const EXTENSION_FIELDS = `/coo:CertificateOfOrigin/ext:UBLExtensions/ext:UBLExtension[cbc:ID='${DATASET_EXTENSION_ID}']/ext:ExtensionContent/hub:DatasetFields/hub:Field`;

export interface UblRenderOptions {
  /** The record this rendition is made from, stated in a supporting document reference. */
  record?: RecordReference;
  /** Leave the places for an enveloped XML-DSig (the signature extension and the root cac:Signature). */
  signed?: boolean;
}

const cbc = (name: string, value: string | number | undefined, attributes: Record<string, string | undefined> = {}) => text(`cbc:${name}`, value, attributes);

function party(name: string, value: PartyDto | undefined): XmlElement | undefined {
  if (!value) return undefined;
  const address = value.address;
  return el(
    `cac:${name}`,
    {},
    value.id !== undefined && el('cac:PartyIdentification', {}, cbc('ID', value.id)),
    el('cac:PartyName', {}, cbc('Name', value.name)),
    address &&
      el(
        'cac:PostalAddress',
        {},
        cbc('StreetName', address.line1),
        cbc('AdditionalStreetName', address.line2),
        cbc('CityName', address.city),
        cbc('PostalZone', address.postcode),
        cbc('CountrySubentityCode', address.subdivision),
        el('cac:Country', {}, cbc('IdentificationCode', address.country, { listID: 'ISO3166-1:Alpha2' })),
      ),
  );
}

/** The fields of a document that UBL has no element for: carried in the hub's UBL extension. */
function placelessLeaves(doc: IssuedDocument): Array<{ path: string; value: LeafValue }> {
  return leavesOf(doc).filter((leaf) => {
    const row = mappingOf(fieldOf(leaf.path));
    return !row || row.ubl === null;
  });
}

function datasetExtension(doc: IssuedDocument): XmlElement | undefined {
  const leaves = placelessLeaves(doc);
  if (leaves.length === 0) return undefined;
  return el(
    'ext:UBLExtension',
    {},
    cbc('ID', DATASET_EXTENSION_ID),
    text('ext:ExtensionURI', UBL_CUSTOMIZATION_ID),
    el(
      'ext:ExtensionContent',
      {},
      el(
        'hub:DatasetFields',
        { 'xmlns:hub': UBL_NAMESPACES.hub },
        leaves.map((leaf) => text('hub:Field', String(leaf.value), { path: leaf.path, type: typeof leaf.value })),
      ),
    ),
  );
}

function signatureExtension(): XmlElement {
  return el(
    'ext:UBLExtension',
    {},
    text('ext:ExtensionURI', UBL_SIGNATURE_METHOD),
    el(
      'ext:ExtensionContent',
      {},
      el(
        'sig:UBLDocumentSignatures',
        { 'xmlns:sig': UBL_NAMESPACES.sig, 'xmlns:sac': UBL_NAMESPACES.sac, 'xmlns:sbc': UBL_NAMESPACES.sbc },
        el('sac:SignatureInformation', {}, cbc('ID', SIGNATURE_INFORMATION_ID), text('sbc:ReferencedSignatureID', UBL_SIGNATURE_ID)),
      ),
    ),
  );
}

/**
 * The dataset as an OASIS UBL 2.4 CertificateOfOrigin (unsigned). Every dataset field goes to its
 * element in FIELD_MAPPINGS; the fields UBL has no element for go, typed, into the hub's UBLExtension,
 * so ublToDataset gives the same document back.
 */
export function datasetToUbl(doc: IssuedDocument, options: UblRenderOptions = {}): string {
  const items = doc.items ?? [];
  const issue = doc.issueDateTime ? /^(\d{4}-\d{2}-\d{2})T(.+)$/.exec(doc.issueDateTime) : null;
  const invoiceDates = new Map((doc.invoices ?? []).map((invoice) => [invoice.number, invoice.date]));
  const extensions = [datasetExtension(doc), options.signed && signatureExtension()].filter(Boolean) as XmlElement[];
  const declaration = doc.exporterDeclaration;
  const producer = doc.producer;
  const root = el(
    'CertificateOfOrigin',
    {
      xmlns: UBL_NAMESPACES.coo,
      'xmlns:cac': UBL_NAMESPACES.cac,
      'xmlns:cbc': UBL_NAMESPACES.cbc,
      'xmlns:ext': UBL_NAMESPACES.ext,
    },
    extensions.length > 0 && el('ext:UBLExtensions', {}, extensions),
    cbc('UBLVersionID', UBL_VERSION),
    cbc('CustomizationID', UBL_CUSTOMIZATION_ID),
    cbc('ID', doc.certificateNumber),
    cbc('IssueDate', issue?.[1]),
    cbc('IssueTime', issue?.[2]),
    options.signed && el('cac:Signature', {}, cbc('ID', UBL_SIGNATURE_ID), cbc('SignatureMethod', UBL_SIGNATURE_METHOD)),
    party('ExporterParty', doc.exporter),
    party('ImporterParty', doc.consignee),
    el(
      'cac:CertificateOfOriginApplication',
      {},
      cbc('ReferenceID', doc.certificateNumber),
      // CertificateType is required; an empty one stands for a certificate without a form type.
      cbc('CertificateType', doc.formType ?? ''),
      cbc('ApplicationStatusCode', doc.documentFunction && mappingOf('documentFunction')?.ublCode?.toUbl(doc.documentFunction), { listID: 'UNCL1225' }),
      cbc('OriginalJobID', doc.replacesCertificateNumber ?? doc.certificateNumber),
      cbc('PreviousJobID', doc.replacesCertificateNumber),
      cbc('Remarks', doc.remarks),
      el(
        'cac:Shipment',
        {},
        el(
          'cac:Consignment',
          {},
          // cbc:ID is required: the UCR when there is one (schemeID UCR), else the certificate number.
          doc.ucr !== undefined ? cbc('ID', doc.ucr, { schemeID: 'UCR' }) : cbc('ID', doc.certificateNumber, { schemeID: 'CertificateNumber' }),
          doc.exportDeclarationRef !== undefined && el('cac:CustomsDeclaration', {}, cbc('ID', doc.exportDeclarationRef)),
          el('cac:FinalDestinationCountry', {}, cbc('IdentificationCode', doc.importCountry)),
          (doc.invoices ?? []).map((invoice) =>
            el('cac:DocumentReference', {}, cbc('ID', invoice.number), cbc('IssueDate', invoice.date), cbc('DocumentTypeCode', UNCL1001_COMMERCIAL_INVOICE, { listID: 'UNCL1001' })),
          ),
          doc.backToBack &&
            el(
              'cac:DocumentReference',
              {},
              cbc('ID', doc.backToBack.originalCertificateNumber),
              cbc('DocumentTypeCode', UNCL1001_CERTIFICATE_OF_ORIGIN, { listID: 'UNCL1001' }),
              el('cac:IssuerParty', {}, el('cac:PostalAddress', {}, el('cac:Country', {}, cbc('IdentificationCode', doc.backToBack.originalIssuingCountry)))),
            ),
        ),
        items.map((item) =>
          el(
            'cac:GoodsItem',
            {},
            cbc('ID', item.itemNumber),
            cbc('Description', item.description),
            item.fobValue && cbc('FreeOnBoardValueAmount', item.fobValue.amount, { currencyID: item.fobValue.currency }),
            item.grossWeight && cbc('GrossWeightMeasure', item.grossWeight.value, { unitCode: item.grossWeight.unit }),
            item.quantity && cbc('Quantity', item.quantity.value, { unitCode: item.quantity.unit }),
            cbc('PreferenceCriterionCode', item.originCriterion),
            el(
              'cac:Item',
              {},
              item.originCountry !== undefined && el('cac:OriginCountry', {}, cbc('IdentificationCode', item.originCountry)),
              item.hsCode !== undefined && el('cac:CommodityClassification', {}, cbc('ItemClassificationCode', item.hsCode, { listID: 'HS' })),
              party('ManufacturerParty', producer),
            ),
            (item.packageCount !== undefined || item.packageType !== undefined) &&
              el('cac:ContainingPackage', {}, cbc('Quantity', item.packageCount), cbc('PackagingTypeCode', item.packageType)),
            item.invoiceNumber !== undefined &&
              el('cac:ShipmentDocumentReference', {}, cbc('ID', item.invoiceNumber), cbc('IssueDate', invoiceDates.get(item.invoiceNumber)), cbc('DocumentTypeCode', UNCL1001_COMMERCIAL_INVOICE)),
          ),
        ),
        doc.transport &&
          el(
            'cac:ShipmentStage',
            {},
            cbc('TransportModeCode', doc.transport.modeCode, { listID: 'UNECE Rec 19' }),
            doc.transport.loadingPort !== undefined && el('cac:LoadingPortLocation', {}, cbc('ID', doc.transport.loadingPort, { schemeID: 'UN/LOCODE' })),
            doc.transport.dischargePort !== undefined && el('cac:UnloadingPortLocation', {}, cbc('ID', doc.transport.dischargePort, { schemeID: 'UN/LOCODE' })),
            doc.transport.departureDate !== undefined && el('cac:ActualDepartureTransportEvent', {}, cbc('OccurrenceDate', doc.transport.departureDate)),
          ),
        items.map((item) => el('cac:TransportHandlingUnit', {}, cbc('ID', item.itemNumber), cbc('ShippingMarks', item.marksAndNumbers))),
        el('cac:ExportCountry', {}, cbc('IdentificationCode', doc.exportCountry)),
      ),
      // Required by the schema: the exporter endorses (and prepared) the application.
      el(
        'cac:EndorserParty',
        {},
        cbc('RoleCode', 'exporter'),
        cbc('SequenceNumeric', 1),
        el('cac:Party', {}, el('cac:PartyName', {}, cbc('Name', doc.exporter?.name ?? ''))),
        el('cac:SignatoryContact', {}, cbc('Name', declaration?.signatoryName)),
      ),
      el('cac:PreparationParty', {}, el('cac:PartyName', {}, cbc('Name', doc.exporter?.name ?? ''))),
      el(
        'cac:IssuerParty',
        {},
        doc.issuingAuthority !== undefined && el('cac:PartyIdentification', {}, cbc('ID', doc.issuingAuthority)),
        doc.issuePlace !== undefined && el('cac:PhysicalLocation', {}, cbc('ID', doc.issuePlace, { schemeID: 'UN/LOCODE' })),
      ),
      el('cac:IssuingCountry', {}, cbc('IdentificationCode', doc.exportCountry)),
      options.record &&
        el(
          'cac:SupportingDocumentReference',
          {},
          cbc('ID', namedInformationUri(options.record.recordHash)),
          cbc('DocumentType', RECORD_DOCUMENT_TYPE),
          el(
            'cac:Attachment',
            {},
            el('cac:ExternalReference', {}, cbc('URI', namedInformationUri(options.record.recordHash)), cbc('DocumentHash', options.record.recordHash), cbc('HashAlgorithmMethod', SHA256_METHOD)),
          ),
        ),
      declaration &&
        el(
          'cac:Signature',
          {},
          cbc('ID', 'exporter-declaration'),
          cbc('Note', declaration.statement),
          cbc('ValidationDate', declaration.date),
          el(
            'cac:SignatoryParty',
            {},
            declaration.place !== undefined && el('cac:PhysicalLocation', {}, cbc('ID', declaration.place, { schemeID: 'UN/LOCODE' })),
            declaration.signatoryName !== undefined && el('cac:Contact', {}, cbc('Name', declaration.signatoryName)),
          ),
        ),
    ),
    el(
      'cac:IssuerEndorsement',
      {},
      cbc('DocumentID', doc.certificateNumber),
      cbc('ApprovalStatus', 'CERTIFIED'),
      el(
        'cac:EndorserParty',
        {},
        cbc('RoleCode', 'issuer'),
        cbc('SequenceNumeric', 1),
        el(
          'cac:Party',
          {},
          doc.issuingAuthority !== undefined && el('cac:PartyIdentification', {}, cbc('ID', doc.issuingAuthority)),
          doc.certification && el('cac:PhysicalLocation', {}, cbc('ID', doc.certification.place, { schemeID: 'UN/LOCODE' })),
        ),
        el('cac:SignatoryContact', {}, cbc('Name', doc.certification?.officerName)),
      ),
    ),
  );
  return serialize(root);
}

/** Text a document's values must be writable as: XML 1.0 cannot carry most control characters. */
export function unwritableInXml(doc: IssuedDocument): string[] {
  return leavesOf(doc)
    .filter((leaf) => typeof leaf.value === 'string' && !XML_CHAR.test(leaf.value))
    .map((leaf) => leaf.path);
}

const select = xpath.useNamespaces(UBL_NAMESPACES);

function valueAt(expression: string, context: Node): string | undefined {
  const found = select(expression, context);
  if (typeof found === 'string') return found;
  if (!Array.isArray(found) || found.length === 0) return undefined;
  const node = found[0];
  return node.nodeType === 2 ? (node as Attr).value : (node.textContent ?? '');
}

function countOf(expression: string, context: Node): number {
  const found = select(expression, context);
  return Array.isArray(found) ? found.length : 0;
}

function typed(row: FieldMapping, raw: string): LeafValue | undefined {
  if (row.ublCode) return row.ublCode.fromUbl(raw);
  if (row.type === 'number' && /^\d{1,9}$/.test(raw)) return Number(raw);
  return raw;
}

function readExtension(document: Document, target: Record<string, unknown>, problems: FormatProblem[]): void {
  const fields = select(EXTENSION_FIELDS, document) as Element[];
  for (const [index, field] of fields.entries()) {
    const at = `${EXTENSION_FIELDS}[${index + 1}]`;
    const path = field.getAttribute('path') ?? '';
    const row = mappingOf(fieldOf(path));
    if (!row) {
      problems.push({ path: at, message: `${path || '(no path)'} is not a field of the dataset` });
      continue;
    }
    if (row.ubl !== null) {
      problems.push({ path: at, message: `${path} has its own place in UBL (${row.ubl}); the extension carries only fields UBL has no place for` });
      continue;
    }
    const raw = field.textContent ?? '';
    const type = field.getAttribute('type');
    const value: LeafValue | undefined =
      type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : undefined) : type === 'number' ? (/^-?\d{1,15}$/.test(raw) ? Number(raw) : undefined) : type === 'string' ? raw : undefined;
    if (value === undefined) {
      problems.push({ path: at, message: `${path}: "${raw}" is not a value of type ${type ?? '(none)'}` });
      continue;
    }
    if (!setLeaf(target, path, value)) problems.push({ path: at, message: `${path} cannot be set (it clashes with another field)` });
  }
}

/** Reads the dataset out of a parsed UBL CertificateOfOrigin, with the same XPaths FIELD_MAPPINGS documents. */
export function ublDocumentToDataset(document: Document): FormatReadResult {
  const problems: FormatProblem[] = [];
  const root = document.documentElement;
  if (root.namespaceURI !== UBL_NAMESPACES.coo || root.localName !== 'CertificateOfOrigin') {
    return { ok: false, problems: [{ path: '/', message: `the root element is {${root.namespaceURI ?? ''}}${root.localName}, not a UBL CertificateOfOrigin` }] };
  }
  const target: Record<string, unknown> = {};
  const counts: Record<string, number> = {
    items: countOf('/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:Shipment/cac:GoodsItem', document),
    invoices: countOf(`/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:Shipment/cac:Consignment/cac:DocumentReference[cbc:DocumentTypeCode='${UNCL1001_COMMERCIAL_INVOICE}']`, document),
  };
  for (const row of FIELD_MAPPINGS) {
    if (row.ubl === null) continue;
    if (row.field === 'issueDateTime' && countOf('/coo:CertificateOfOrigin/cbc:IssueDate', document) === 0) continue;
    const list = /^(\w+)\[\]/.exec(row.field)?.[1];
    const positions = list ? Array.from({ length: counts[list] ?? 0 }, (_, i) => i) : [undefined];
    for (const position of positions) {
      const expression = position === undefined ? row.ubl : placeAt(row.ubl, [position], 1);
      const raw = valueAt(expression, document);
      if (raw === undefined) continue;
      const path = position === undefined ? row.field : row.field.replace('[]', `[${position}]`);
      const value = typed(row, raw);
      if (value === undefined) {
        problems.push({ path: expression, message: `"${raw}" is not a value of ${row.field}` });
        continue;
      }
      setLeaf(target, path, value);
    }
  }
  // Elements the schema requires but the dataset does not hold (an empty CertificateType) stay out.
  if (target.formType === '') delete target.formType;
  readExtension(document, target, problems);
  if (problems.length > 0) return { ok: false, problems };
  const recordUri = valueAt(
    `/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:SupportingDocumentReference[cbc:DocumentType='${RECORD_DOCUMENT_TYPE}']/cac:Attachment/cac:ExternalReference/cbc:URI`,
    document,
  );
  const recordHash = recordUri ? digestOfNamedInformationUri(recordUri) : undefined;
  return { ok: true, document: compactArrays(target), ...(recordHash ? { recordHash } : {}) };
}

/** Parses hostile UBL XML (no DTD, limits) and reads the dataset out of it. */
export function ublToDataset(xml: Buffer | string, limits?: XmlLimits): FormatReadResult {
  const parsed = parseHostileXml(xml, limits);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((message) => ({ path: '/', message })) };
  return ublDocumentToDataset(parsed.document);
}

/** Where a dataset path (as rule violations name it) sits in UBL: its XPath, or its place in the extension. */
export function ublPathOf(datasetPath: string): string {
  const field = fieldOf(datasetPath);
  const indexes = indexesOf(datasetPath);
  const row = mappingOf(field);
  // issueDateTime is two elements (an XPath concat): a problem with it is named at the date.
  if (row?.ubl?.startsWith('concat(')) return row.ubl.slice('concat('.length).split(',')[0];
  if (row) return row.ubl !== null ? placeAt(row.ubl, indexes, 1) : `${EXTENSION_FIELDS}[@path='${datasetPath}']`;
  // A whole object or list (`exporter`, `items[2]`): the common part of the places of its fields.
  const under = FIELD_MAPPINGS.filter((candidate) => candidate.field.startsWith(`${field}.`) || candidate.field.startsWith(`${field}[]`));
  const places = under.map((candidate) => candidate.ubl).filter((place): place is string => place !== null && !place.startsWith('concat('));
  if (places.length === 0) return under.length > 0 ? `${EXTENSION_FIELDS}[@path='${datasetPath}']` : '/coo:CertificateOfOrigin';
  let common = places[0];
  for (const place of places.slice(1)) {
    while (!place.startsWith(common)) common = common.slice(0, common.lastIndexOf('/'));
  }
  if (common.endsWith('/')) common = common.slice(0, -1);
  return placeAt(common.replace(/\[cbc:[^\]]*\]$/, ''), indexes, 1) || '/coo:CertificateOfOrigin';
}
