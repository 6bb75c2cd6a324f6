import * as fc from 'fast-check';
import { normalizeDocument } from '../../canonical';
import { DocumentFunction } from '../../dto/document-function.enum';
import { ProducerDisclosure } from '../../dto/producer-disclosure.enum';
import type { IssuedDocument } from '../domain/ubl-certificate';

// Valid dataset documents for property tests: every optional field present or absent, free text
// of any Unicode the dataset takes (XML 1.0 characters; see README "Formats"), lists of several.
const text = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((value) => value.trim().length > 0);
const number = fc.stringMatching(/^[A-Z0-9]([A-Z0-9./-]{0,20}[A-Z0-9])?$/);
const country = fc.constantFrom('TH', 'CN', 'KH', 'JP', 'SG', 'VN');
const locode = fc.constantFrom('THBKK', 'THCTB', 'CNPXG', 'KHPNH', 'JPOSA', 'SGSIN');
const day = fc.integer({ min: 0, max: 3000 }).map((offset) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const decimal = fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined })).map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${String(fraction).padStart(2, '0')}`));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const address = fc.record(
  { line1: text(140), line2: maybe(text(140)), city: maybe(text(70)), postcode: maybe(fc.stringMatching(/^[0-9A-Z]{3,9}$/)), subdivision: maybe(fc.constantFrom('TH-22', 'CN-GD', 'JP-27')), country },
  { requiredKeys: ['line1', 'country'] },
);
const party = (prefix: fc.Arbitrary<string>) =>
  fc.record({ id: maybe(prefix.chain((p) => fc.stringMatching(/^[A-Z0-9]{3,20}$/).map((rest) => `${p}-${rest}`))), name: text(140), address }, { requiredKeys: ['name', 'address'] });

const item = fc.record(
  {
    marksAndNumbers: maybe(text(70)),
    packageCount: maybe(fc.integer({ min: 0, max: 999_999 })),
    packageType: maybe(fc.constantFrom('BX', 'BG', 'CT', 'PK')),
    description: text(300),
    hsCode: fc.constantFrom('081060', '100630', '090111', '620462'),
    originCountry: country,
    originCriterion: maybe(fc.constantFrom('WO', 'PE', 'CTH', 'CTSH+RVC35')),
    grossWeight: maybe(fc.record({ value: decimal, unit: fc.constantFrom('KGM', 'TNE') })),
    quantity: maybe(fc.record({ value: decimal, unit: fc.constantFrom('KGM', 'C62', 'LTR') })),
    fobValue: maybe(fc.record({ amount: decimal, currency: fc.constantFrom('USD', 'THB', 'EUR') })),
  },
  { requiredKeys: ['description', 'hsCode', 'originCountry'] },
);

export const arbitraryIssuedDocument: fc.Arbitrary<IssuedDocument> = fc
  .record(
    {
      certificateNumber: number,
      documentFunction: fc.constantFrom(...Object.values(DocumentFunction)),
      replacesCertificateNumber: maybe(number),
      copyNumber: maybe(fc.integer({ min: 0, max: 20 })),
      preferential: fc.boolean(),
      agreement: maybe(fc.constantFrom('RCEP', 'ATIGA')),
      formType: maybe(text(35)),
      issuingAuthority: maybe(fc.constantFrom('TH-DFT', 'KH-MOC')),
      issueDateTime: maybe(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }).map((ms) => new Date(ms).toISOString())),
      issuePlace: locode,
      exportCountry: country,
      importCountry: country,
      exporter: party(country),
      consignee: party(country),
      producer: maybe(party(country)),
      producerDisclosure: maybe(fc.constant(ProducerDisclosure.AVAILABLE_ON_REQUEST)),
      transport: fc.record(
        { departureDate: day, modeCode: fc.constantFrom('1', '3', '4'), meansName: maybe(text(35)), loadingPort: maybe(locode), dischargePort: maybe(locode) },
        { requiredKeys: ['departureDate', 'modeCode'] },
      ),
      invoices: maybe(fc.array(fc.record({ number, date: day }), { minLength: 1, maxLength: 3 })),
      thirdPartyInvoicing: maybe(fc.record({ party: party(country) })),
      backToBack: maybe(fc.record({ originalCertificateNumber: number, originalIssuingCountry: country })),
      issuedRetroactively: maybe(fc.boolean()),
      ucr: maybe(fc.stringMatching(/^[0-9][A-Z]{2}[A-Z0-9-]{5,30}$/)),
      exportDeclarationRef: maybe(number),
      remarks: maybe(text(400)),
      exporterDeclaration: maybe(fc.record({ statement: text(400), place: locode, date: day, signatoryName: text(70) })),
      certification: maybe(fc.record({ place: locode, officerName: text(70) })),
      items: fc.array(item, { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ['certificateNumber', 'documentFunction', 'preferential', 'issuePlace', 'exportCountry', 'importCountry', 'exporter', 'consignee', 'transport', 'items'] },
  )
  .chain((doc) =>
    fc.array(fc.boolean(), { minLength: doc.items.length, maxLength: doc.items.length }).map((linked) => {
      // Items number 1..n and name one of the header invoices when they name one (rule CO-INV-*).
      const items = doc.items.map((entry, index) => ({
        itemNumber: index + 1,
        ...entry,
        ...(linked[index] && doc.invoices ? { invoiceNumber: doc.invoices[index % doc.invoices.length].number } : {}),
      }));
      return normalizeDocument({ ...doc, items } as IssuedDocument);
    }),
  );
