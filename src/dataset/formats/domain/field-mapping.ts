import { DOCUMENT_FUNCTION_EDIFACT_1225, DocumentFunction, documentFunctionFromEdifact1225 } from '../../dto/document-function.enum';
import type { LeafValue } from './dataset-paths';

/**
 * Where each field of the common dataset v1 (DESIGN.md section 4) sits in each format at the hub's
 * edge. The UBL adapter reads with these XPaths, the edi3 adapter reads and writes with these paths,
 * specs check that what the adapters write is found there, and docs/mapping.md is generated from
 * this table (`npm run formats:mapping`; CI fails when the committed file differs).
 *
 * `[i]` stands for the item's or invoice's position (1-based in XPath, 0-based in JSON). `null`: the
 * format has no place for the field, and the adapter carries it in its extension (README, "Formats").
 * WCO DM IDs and UN/TDED numbers are those of the box-level mapping of the UN/CEFACT edi3
 * "Certificates 1.0" draft (CertificateOfOriginDataElementMapping.xlsx); "-" where it gives none.
 */
export interface FieldMapping {
  /** The dataset field, items and invoices as `items[]`. */
  field: string;
  /** XPath 1.0 in a UBL 2.4 CertificateOfOrigin (prefixes: UBL_NAMESPACES), or null. */
  ubl: string | null;
  /** Path in the hub's edi3 Certificate of Origin JSON, or null. */
  edi3: string | null;
  wco: string;
  tded: string;
  /** How UBL writes the value when it is not its text (a code list of the format). */
  ublCode?: { toUbl: (value: LeafValue) => string; fromUbl: (text: string) => LeafValue | undefined };
  /** How the value is typed when read back from text. */
  type?: 'number';
}

export const UBL_NAMESPACES = {
  coo: 'urn:oasis:names:specification:ubl:schema:xsd:CertificateOfOrigin-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  sig: 'urn:oasis:names:specification:ubl:schema:xsd:CommonSignatureComponents-2',
  sac: 'urn:oasis:names:specification:ubl:schema:xsd:SignatureAggregateComponents-2',
  sbc: 'urn:oasis:names:specification:ubl:schema:xsd:SignatureBasicComponents-2',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  hub: 'urn:ecoo-hub:ubl-extension:dataset-v1',
} as const;

const ROOT = '/coo:CertificateOfOrigin';
const APPLICATION = `${ROOT}/cac:CertificateOfOriginApplication`;
const SHIPMENT = `${APPLICATION}/cac:Shipment`;
const CONSIGNMENT = `${SHIPMENT}/cac:Consignment`;
const STAGE = `${SHIPMENT}/cac:ShipmentStage`;
const GOODS = `${SHIPMENT}/cac:GoodsItem[i]`;
const DECLARATION = `${APPLICATION}/cac:Signature[cbc:ID='exporter-declaration']`;
const ENDORSER = `${ROOT}/cac:IssuerEndorsement/cac:EndorserParty`;
/** The UBL document type codes (UN/EDIFACT 1001) the adapter uses for referenced documents. */
export const UNCL1001_COMMERCIAL_INVOICE = '380';
export const UNCL1001_CERTIFICATE_OF_ORIGIN = '861';

const CONSIGNMENT_EDI3 = 'supplyChainConsignment';
const ITEM_EDI3 = `${CONSIGNMENT_EDI3}.includedConsignmentItems[i]`;
const LINE_EDI3 = `${ITEM_EDI3}.tradeLineItems[0]`;

const EDIFACT_1225 = {
  toUbl: (value: LeafValue) => DOCUMENT_FUNCTION_EDIFACT_1225[value as DocumentFunction] ?? String(value),
  fromUbl: (text: string) => documentFunctionFromEdifact1225(text),
};

interface PartyPlaces {
  dataset: string;
  ubl: string | null;
  edi3: string | null;
  id: string;
  name: string;
}

function partyRows({ dataset, ubl, edi3, id, name }: PartyPlaces): FieldMapping[] {
  const address = ubl && `${ubl}/cac:PostalAddress`;
  const edi3Address = edi3 && `${edi3}.postalAddress`;
  const at = (base: string | null, path: string) => (base ? `${base}${path}` : null);
  return [
    { field: `${dataset}.id`, ubl: at(ubl, '/cac:PartyIdentification/cbc:ID'), edi3: at(edi3, '.iD'), wco: id, tded: '3039' },
    { field: `${dataset}.name`, ubl: at(ubl, '/cac:PartyName/cbc:Name'), edi3: at(edi3, '.name'), wco: name, tded: '3036' },
    { field: `${dataset}.address.line1`, ubl: at(address, '/cbc:StreetName'), edi3: at(edi3Address, '.line1'), wco: '239', tded: '3042' },
    { field: `${dataset}.address.line2`, ubl: at(address, '/cbc:AdditionalStreetName'), edi3: at(edi3Address, '.line2'), wco: '239', tded: '3042' },
    { field: `${dataset}.address.city`, ubl: at(address, '/cbc:CityName'), edi3: at(edi3Address, '.cityName'), wco: '241', tded: '3164' },
    { field: `${dataset}.address.postcode`, ubl: at(address, '/cbc:PostalZone'), edi3: at(edi3Address, '.postcode'), wco: '245', tded: '3251' },
    { field: `${dataset}.address.subdivision`, ubl: at(address, '/cbc:CountrySubentityCode'), edi3: at(edi3Address, '.countrySubDivisionName'), wco: '-', tded: '-' },
    { field: `${dataset}.address.country`, ubl: at(address, '/cac:Country/cbc:IdentificationCode'), edi3: at(edi3Address, '.countryCode'), wco: '242', tded: '3207' },
  ];
}

export const FIELD_MAPPINGS: readonly FieldMapping[] = [
  { field: 'certificateNumber', ubl: `${ROOT}/cbc:ID`, edi3: 'iD', wco: 'D014', tded: '1004' },
  { field: 'documentFunction', ubl: `${APPLICATION}/cbc:ApplicationStatusCode`, edi3: null, wco: '017', tded: '1225', ublCode: EDIFACT_1225 },
  { field: 'replacesCertificateNumber', ubl: `${APPLICATION}/cbc:PreviousJobID`, edi3: null, wco: '-', tded: '1004' },
  { field: 'copyNumber', ubl: null, edi3: null, wco: '-', tded: '-', type: 'number' },
  { field: 'preferential', ubl: null, edi3: 'isPreferential', wco: '-', tded: '-' },
  { field: 'agreement', ubl: null, edi3: 'freeTradeAgreement', wco: '-', tded: '-' },
  { field: 'formType', ubl: `${APPLICATION}/cbc:CertificateType`, edi3: 'name', wco: '-', tded: '-' },
  { field: 'issuingAuthority', ubl: `${APPLICATION}/cac:IssuerParty/cac:PartyIdentification/cbc:ID`, edi3: 'issuer.iD', wco: 'L098', tded: '3225' },
  { field: 'issueDateTime', ubl: `concat(${ROOT}/cbc:IssueDate, 'T', ${ROOT}/cbc:IssueTime)`, edi3: 'issueDateTime', wco: 'D011', tded: '2380' },
  { field: 'issuePlace', ubl: `${APPLICATION}/cac:IssuerParty/cac:PhysicalLocation/cbc:ID`, edi3: 'issueLocation.iD', wco: 'D012', tded: '3411' },
  { field: 'exportCountry', ubl: `${SHIPMENT}/cac:ExportCountry/cbc:IdentificationCode`, edi3: `${CONSIGNMENT_EDI3}.exportCountry.code`, wco: '-', tded: '3207' },
  { field: 'importCountry', ubl: `${CONSIGNMENT}/cac:FinalDestinationCountry/cbc:IdentificationCode`, edi3: `${CONSIGNMENT_EDI3}.importCountry.code`, wco: '-', tded: '3207' },
  ...partyRows({ dataset: 'exporter', ubl: `${ROOT}/cac:ExporterParty`, edi3: `${CONSIGNMENT_EDI3}.exporter`, id: 'R032', name: 'R031' }),
  ...partyRows({ dataset: 'consignee', ubl: `${ROOT}/cac:ImporterParty`, edi3: `${CONSIGNMENT_EDI3}.importer`, id: 'R015', name: 'R014' }),
  // One producer for the certificate, written on every goods item (UBL and edi3 name it per item) and read from the first.
  ...partyRows({
    dataset: 'producer',
    ubl: `${SHIPMENT}/cac:GoodsItem[1]/cac:Item/cac:ManufacturerParty`,
    edi3: `${CONSIGNMENT_EDI3}.includedConsignmentItems[0].manufacturer`,
    id: 'R035',
    name: 'R034',
  }),
  { field: 'producerDisclosure', ubl: null, edi3: null, wco: '-', tded: '-' },
  { field: 'transport.departureDate', ubl: `${STAGE}/cac:ActualDepartureTransportEvent/cbc:OccurrenceDate`, edi3: `${CONSIGNMENT_EDI3}.mainCarriageTransportMovement.departureEvent.departureDateTime`, wco: '156', tded: '2380' },
  { field: 'transport.modeCode', ubl: `${STAGE}/cbc:TransportModeCode`, edi3: `${CONSIGNMENT_EDI3}.mainCarriageTransportMovement.modeCode`, wco: 'T022', tded: '8067' },
  { field: 'transport.meansName', ubl: null, edi3: `${CONSIGNMENT_EDI3}.mainCarriageTransportMovement.usedTransportMeans.name`, wco: 'T005', tded: '8212' },
  { field: 'transport.loadingPort', ubl: `${STAGE}/cac:LoadingPortLocation/cbc:ID`, edi3: `${CONSIGNMENT_EDI3}.loadingBaseportLocation.iD`, wco: 'L010', tded: '3225' },
  { field: 'transport.dischargePort', ubl: `${STAGE}/cac:UnloadingPortLocation/cbc:ID`, edi3: `${CONSIGNMENT_EDI3}.unloadingBaseportLocation.iD`, wco: 'L013', tded: '3225' },
  { field: 'invoices[].number', ubl: `${CONSIGNMENT}/cac:DocumentReference[cbc:DocumentTypeCode='${UNCL1001_COMMERCIAL_INVOICE}'][i]/cbc:ID`, edi3: null, wco: 'D016', tded: '1004' },
  { field: 'invoices[].date', ubl: `${CONSIGNMENT}/cac:DocumentReference[cbc:DocumentTypeCode='${UNCL1001_COMMERCIAL_INVOICE}'][i]/cbc:IssueDate`, edi3: null, wco: 'D015', tded: '2380' },
  ...partyRows({ dataset: 'thirdPartyInvoicing.party', ubl: null, edi3: null, id: '-', name: '-' }),
  { field: 'backToBack.originalCertificateNumber', ubl: `${CONSIGNMENT}/cac:DocumentReference[cbc:DocumentTypeCode='${UNCL1001_CERTIFICATE_OF_ORIGIN}']/cbc:ID`, edi3: null, wco: '-', tded: '1004' },
  {
    field: 'backToBack.originalIssuingCountry',
    ubl: `${CONSIGNMENT}/cac:DocumentReference[cbc:DocumentTypeCode='${UNCL1001_CERTIFICATE_OF_ORIGIN}']/cac:IssuerParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode`,
    edi3: null,
    wco: '-',
    tded: '3207',
  },
  { field: 'issuedRetroactively', ubl: null, edi3: null, wco: '-', tded: '-' },
  { field: 'ucr', ubl: `${CONSIGNMENT}/cbc:ID[@schemeID='UCR']`, edi3: `${CONSIGNMENT_EDI3}.iD`, wco: '-', tded: '-' },
  { field: 'exportDeclarationRef', ubl: `${CONSIGNMENT}/cac:CustomsDeclaration/cbc:ID`, edi3: null, wco: '-', tded: '1004' },
  { field: 'remarks', ubl: `${APPLICATION}/cbc:Remarks`, edi3: `${CONSIGNMENT_EDI3}.information`, wco: '-', tded: '-' },
  { field: 'exporterDeclaration.statement', ubl: `${DECLARATION}/cbc:Note`, edi3: 'firstSignatoryAuthentication.statement', wco: '-', tded: '-' },
  { field: 'exporterDeclaration.place', ubl: `${DECLARATION}/cac:SignatoryParty/cac:PhysicalLocation/cbc:ID`, edi3: null, wco: 'D012', tded: '3411' },
  { field: 'exporterDeclaration.date', ubl: `${DECLARATION}/cbc:ValidationDate`, edi3: 'firstSignatoryAuthentication.actualDateTime', wco: 'D011', tded: '2380' },
  { field: 'exporterDeclaration.signatoryName', ubl: `${DECLARATION}/cac:SignatoryParty/cac:Contact/cbc:Name`, edi3: 'firstSignatoryAuthentication.signature', wco: '-', tded: '-' },
  { field: 'certification.place', ubl: `${ENDORSER}/cac:Party/cac:PhysicalLocation/cbc:ID`, edi3: null, wco: 'L098', tded: '3225' },
  { field: 'certification.officerName', ubl: `${ENDORSER}/cac:SignatoryContact/cbc:Name`, edi3: 'secondSignatoryAuthentication.signature', wco: '-', tded: '-' },
  { field: 'items[].itemNumber', ubl: `${GOODS}/cbc:ID`, edi3: `${LINE_EDI3}.sequenceNumber`, wco: '006', tded: '1050', type: 'number' },
  { field: 'items[].marksAndNumbers', ubl: `${SHIPMENT}/cac:TransportHandlingUnit[i]/cbc:ShippingMarks`, edi3: null, wco: '-', tded: '-' },
  { field: 'items[].packageCount', ubl: `${GOODS}/cac:ContainingPackage/cbc:Quantity`, edi3: null, wco: '144', tded: '6061', type: 'number' },
  { field: 'items[].packageType', ubl: `${GOODS}/cac:ContainingPackage/cbc:PackagingTypeCode`, edi3: null, wco: '141', tded: '7065' },
  { field: 'items[].description', ubl: `${GOODS}/cbc:Description`, edi3: `${LINE_EDI3}.tradeProduct.description`, wco: '137', tded: '7002' },
  { field: 'items[].hsCode', ubl: `${GOODS}/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode`, edi3: `${LINE_EDI3}.tradeProduct.harmonisedTariffCode.classCode`, wco: '337', tded: '7357' },
  { field: 'items[].originCountry', ubl: `${GOODS}/cac:Item/cac:OriginCountry/cbc:IdentificationCode`, edi3: `${LINE_EDI3}.tradeProduct.originCountry.code`, wco: '-', tded: '3207' },
  { field: 'items[].originCriterion', ubl: `${GOODS}/cbc:PreferenceCriterionCode`, edi3: `${ITEM_EDI3}.crossBorderRegulatoryProcedure.originCriteriaText`, wco: '436', tded: '-' },
  { field: 'items[].grossWeight.value', ubl: `${GOODS}/cbc:GrossWeightMeasure`, edi3: null, wco: '126', tded: '6018' },
  { field: 'items[].grossWeight.unit', ubl: `${GOODS}/cbc:GrossWeightMeasure/@unitCode`, edi3: null, wco: '126', tded: '6411' },
  { field: 'items[].quantity.value', ubl: `${GOODS}/cbc:Quantity`, edi3: null, wco: '130', tded: '6102' },
  { field: 'items[].quantity.unit', ubl: `${GOODS}/cbc:Quantity/@unitCode`, edi3: null, wco: '130', tded: '6411' },
  { field: 'items[].fobValue.amount', ubl: `${GOODS}/cbc:FreeOnBoardValueAmount`, edi3: null, wco: '-', tded: '-' },
  { field: 'items[].fobValue.currency', ubl: `${GOODS}/cbc:FreeOnBoardValueAmount/@currencyID`, edi3: null, wco: '-', tded: '6345' },
  { field: 'items[].invoiceNumber', ubl: `${GOODS}/cac:ShipmentDocumentReference/cbc:ID`, edi3: `${LINE_EDI3}.invoiceReference.iD`, wco: 'D016', tded: '1004' },
];

const BY_FIELD = new Map(FIELD_MAPPINGS.map((row) => [row.field, row]));

/** The mapping of a dataset field (`items[].hsCode`), or undefined for a field the dataset does not have. */
export function mappingOf(field: string): FieldMapping | undefined {
  return BY_FIELD.get(field);
}

/** A mapping's path with the positions of a concrete dataset path filled in (`[i]` -> `[3]`). */
export function placeAt(template: string, indexes: number[], base: 0 | 1): string {
  let next = 0;
  return template.replace(/\[i\]/g, () => `[${(indexes[next++] ?? 0) + base}]`);
}
