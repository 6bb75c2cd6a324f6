import { dayToIsoDate, instantToDay } from '../dates';
import type { CertificateDocument } from '../certificate-document';
import type { CertificateItemDto } from '../dto/certificate-item.dto';
import { DocumentFunction } from '../dto/document-function.enum';

/** The clock unit specs use: a Tuesday, so working-day grace periods are easy to follow. */
export const TEST_NOW = new Date('2026-05-12T09:00:00Z');

export interface BuildOptions {
  /** The clock the dates are placed around (default TEST_NOW): shipped today, invoiced and declared the day before. */
  now?: Date;
}

/** The sample's durian item (shared/samples/rcep-th-cn-durian.json). */
export function buildItem(overrides: Partial<CertificateItemDto> = {}): CertificateItemDto {
  return {
    itemNumber: 1,
    marksAndNumbers: 'GZJN/MONTHONG/1-1100',
    packageCount: 1100,
    packageType: 'BX',
    description: 'Fresh durian, Monthong variety',
    hsCode: '081060',
    originCountry: 'TH',
    originCriterion: 'WO',
    grossWeight: { value: '19800', unit: 'KGM' },
    quantity: { value: '18700', unit: 'KGM' },
    fobValue: { amount: '112200.00', currency: 'USD' },
    invoiceNumber: 'CFF-26-0512-01',
    ...overrides,
  };
}

/**
 * A valid RCEP certificate (Thailand to China, fresh durian) from the shared sample, with its dates
 * moved around `now` so that the retroactive-issuance rules pass. Overrides replace top-level fields
 * (give a whole `transport`, `items`... to change a nested one); a field overridden with `undefined`
 * is removed.
 */
export function buildCertificate(overrides: Partial<CertificateDocument> = {}, options: BuildOptions = {}): CertificateDocument {
  const today = instantToDay(options.now ?? TEST_NOW);
  const shipped = dayToIsoDate(today);
  const dayBefore = dayToIsoDate(today - 1);
  const doc: CertificateDocument = {
    certificateNumber: 'TH-RCEP-2026-0098812',
    documentFunction: DocumentFunction.ORIGINAL,
    preferential: true,
    agreement: 'RCEP',
    formType: 'RCEP',
    issuePlace: 'THBKK',
    exportCountry: 'TH',
    importCountry: 'CN',
    exporter: {
      id: 'TH-TAX-0105561000001',
      name: 'Chanthaburi Fresh Fruit Co., Ltd.',
      address: { line1: '99 Moo 4, Tha Chang', city: 'Chanthaburi', postcode: '22000', subdivision: 'TH-22', country: 'TH' },
    },
    consignee: {
      id: 'CN-USCC-91440101MA5CXXXX1X',
      name: 'Guangzhou Jiangnan Fruit Trading Co., Ltd.',
      address: { line1: 'Jiangnan Fruit and Vegetable Market, Baiyun District', city: 'Guangzhou', subdivision: 'CN-GD', country: 'CN' },
    },
    producer: {
      id: 'TH-TAX-0105561000001',
      name: 'Chanthaburi Fresh Fruit Co., Ltd.',
      address: { line1: '99 Moo 4, Tha Chang', city: 'Chanthaburi', country: 'TH' },
    },
    transport: { departureDate: shipped, modeCode: '3', meansName: '70-1234 CHANTHABURI', loadingPort: 'THCTB', dischargePort: 'CNPXG' },
    invoices: [{ number: 'CFF-26-0512-01', date: dayBefore }],
    issuedRetroactively: false,
    ucr: '6TH0105561000001-CFF26051201',
    exportDeclarationRef: 'A0012605120033',
    exporterDeclaration: {
      statement:
        'The undersigned hereby declares that the above details and statement are correct, that all the goods were produced in Thailand and that they comply with the origin requirements specified in the RCEP Agreement for the goods exported to China.',
      place: 'THBKK',
      date: dayBefore,
      signatoryName: 'Somchai Rattanakul',
    },
    certification: { place: 'THBKK', officerName: 'Kanya Srisuk' },
    items: [buildItem()],
  };
  const merged: Record<string, unknown> = { ...doc, ...overrides };
  for (const key of Object.keys(overrides)) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged as unknown as CertificateDocument;
}
