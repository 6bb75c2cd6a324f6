// What checking a certificate's shape costs, in the same run, on the fixture's RCEP certificate as a
// create body (every create) and as an issued document (a cold verification by reference checks the
// stored one again):
//   - the check as the hub runs it (src/core/validation/validate-dto-shape.ts with `asPlain`:
//     plainShapeHolds, which follows class-validator's rules in the body itself, without making the
//     instance or building class-validator's errors, and hands a body to class-transformer and
//     class-validator only where a rule does not hold), against class-transformer then
//     class-validator's validateSync on every body, as the hub checked before shapeHolds;
//   - class-validator's validateSync with its rules looked up once per class
//     (src/core/validation/validation-metadata-memo.ts), against its own lookup of them for every
//     object (the hub runs a body through it only where shapeHolds finds a rule broken).
// The hub's modules are loaded first, so that the storage holds every class with rules the hub has,
// as in the API process:
//   npm run bench -- shape [--seconds 3] [--rounds 3]
// In process, no build, no database.
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import '../../src/app.module';
import { memoizeValidationMetadata } from '../../src/core/validation/validation-metadata-memo';
import { CertificateDocumentDto } from '../../src/dataset/dto/certificate-document.dto';
import { IssuedCertificateDocumentDto } from '../../src/dataset/dto/issued-certificate-document.dto';
import { validateCertificateShape, validateIssuedCertificateShape } from '../../src/dataset/validate-shape';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { inProcessRate } from '../support/load';
import { Figure, Scenario, alternate } from '../support/scenario';

type Lookups = Pick<MetadataStorage, 'getTargetValidationMetadatas' | 'groupByPropertyName'>;

// validateDtoShape's options for class-validator.
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } } as const;

const scenario: Scenario = {
  description: "a certificate's shape checked per second as the hub checks it, against class-validator on every body; and class-validator with its rules looked up once per class, against its own lookup per object",
  options: { seconds: 3 },
  build: false,
  async start(context) {
    const seconds = context.option('seconds');
    const storage = getMetadataStorage();
    memoizeValidationMetadata(storage);
    // The memo's lookups are the instance's own properties; class-validator's are its prototype's.
    const own = Object.getPrototypeOf(storage) as Lookups;
    const memo: Lookups = { getTargetValidationMetadatas: storage.getTargetValidationMetadatas, groupByPropertyName: storage.groupByPropertyName };
    const use = (lookups: Lookups) => Object.assign(storage, { getTargetValidationMetadatas: lookups.getTargetValidationMetadatas, groupByPropertyName: lookups.groupByPropertyName });
    const body = cambodiaToJapan();
    const issued = { ...body, issuingAuthority: 'KH-MOC', issueDateTime: '2026-12-06T08:30:00Z', copyNumber: 0 };
    const classValidator = (cls: new () => object, document: object) => () => validateSync(plainToInstance(cls, document, { enableImplicitConversion: false }), OPTIONS).length === 0;
    const checks = [
      { name: 'a create body', hub: () => validateCertificateShape(body).violations.length === 0, everyBody: classValidator(CertificateDocumentDto, body) },
      { name: 'an issued document', hub: () => validateIssuedCertificateShape(issued).violations.length === 0, everyBody: classValidator(IssuedCertificateDocumentDto, issued) },
    ];
    const failed = 'the certificate did not pass the shape check';
    return {
      async round(round) {
        const figures: Figure[] = [];
        for (const check of checks) {
          use(memo);
          const measured: Record<string, number> = {};
          for (const [which, run] of alternate(round, [['hub', check.hub], ['everyBody', check.everyBody]] as const)) measured[which] = await inProcessRate(seconds, run, failed);
          figures.push({
            figure: `shape checks, ${check.name}, as the hub checks it`,
            unit: '/s',
            hub: measured.hub,
            reference: { label: 'class-transformer, then class-validator on every body', value: measured.everyBody },
          });
          const lookedUp: Record<string, number> = {};
          for (const [which, lookups] of alternate(round, [['memo', memo], ['own', own]] as const)) {
            use(lookups);
            lookedUp[which] = await inProcessRate(seconds, check.everyBody, failed);
          }
          figures.push({
            figure: `class-validator on ${check.name}, its rules looked up once per class`,
            unit: '/s',
            hub: lookedUp.memo,
            reference: { label: "class-validator's own lookup per object", value: lookedUp.own },
          });
        }
        use(memo);
        return figures;
      },
      async stop() {},
    };
  },
};

export default scenario;
