import { randomBytes } from 'node:crypto';
import { buildCertificate } from '../../src/dataset/testing/build-certificate';

const EXPORTER = { id: 'KH-TIN-1234567', name: 'Angkor Rice Export Co., Ltd.', address: { line1: '12 Preah Norodom Blvd', city: 'Phnom Penh', country: 'KH' } };
export const DEMO_CONSIGNEE = { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading K.K.', address: { line1: '1-2-3 Umeda, Kita-ku', city: 'Osaka', country: 'JP' } };

interface Goods {
  description: string;
  hsCode: string;
  grossKg: string;
  netKg: string;
  fob: string;
  packages: number;
  packageType: string;
}

// What Cambodia sells Japan under RCEP, wholly obtained (WO): milled rice, cashew nuts, pepper.
const GOODS: Goods[] = [
  { description: 'Jasmine rice, milled, in 25 kg bags', hsCode: '100630', grossKg: '25250', netKg: '25000', fob: '21250.00', packages: 1000, packageType: 'BG' },
  { description: 'Cashew nuts, shelled, W320 grade', hsCode: '080132', grossKg: '15960', netKg: '15876', fob: '111132.00', packages: 700, packageType: 'CT' },
  { description: 'Kampot black pepper, whole', hsCode: '090411', grossKg: '5100', netKg: '5000', fob: '62500.00', packages: 200, packageType: 'BG' },
];

/** An RCEP certificate from Cambodia to Japan for one of the demo's goods, dated today. */
export function demoCertificate(index: number, now = new Date()): Record<string, unknown> {
  const goods = GOODS[index % GOODS.length];
  const base = buildCertificate({}, { now }) as unknown as { transport: Record<string, unknown>; invoices: { date: string }[]; exporterDeclaration: Record<string, unknown> };
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const invoice = `ARE-${now.getUTCFullYear()}-${suffix}`;
  return {
    ...base,
    certificateNumber: `KH-RCEP-${now.getUTCFullYear()}-${suffix}`,
    issuePlace: 'KHPNH',
    exportCountry: 'KH',
    importCountry: 'JP',
    exporter: EXPORTER,
    producer: EXPORTER,
    consignee: DEMO_CONSIGNEE,
    transport: { ...base.transport, loadingPort: 'KHKOS', dischargePort: 'JPOSA', meansName: 'MV MEKONG STAR' },
    invoices: [{ number: invoice, date: base.invoices[0].date }],
    ucr: `6KH1234567-${suffix}`,
    exportDeclarationRef: `KH-SAD-${suffix}`,
    exporterDeclaration: { ...base.exporterDeclaration, place: 'KHPNH', statement: 'The goods were produced in Cambodia and comply with the origin requirements of the RCEP Agreement.' },
    certification: { place: 'KHPNH', officerName: 'Sok Dara' },
    items: [
      {
        itemNumber: 1,
        marksAndNumbers: `OGT/${suffix}/1-${goods.packages}`,
        packageCount: goods.packages,
        packageType: goods.packageType,
        description: goods.description,
        hsCode: goods.hsCode,
        originCountry: 'KH',
        originCriterion: 'WO',
        grossWeight: { value: goods.grossKg, unit: 'KGM' },
        quantity: { value: goods.netKg, unit: 'KGM' },
        fobValue: { amount: goods.fob, currency: 'USD' },
        invoiceNumber: invoice,
      },
    ],
  };
}
