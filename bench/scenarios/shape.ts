// What checking a certificate's shape costs (src/core/validation/validate-dto-shape.ts: class-transformer,
// then class-validator over some thirty nested objects) with class-validator's rules looked up once
// per class (src/core/validation/validation-metadata-memo.ts), against class-validator's own lookup
// of them for every object, in the same run, on the fixture's RCEP certificate: as a create body
// (every create) and as an issued document (a cold verification by reference checks the stored one
// again). The hub's modules are loaded first, so that the storage holds every class with rules the
// hub has, as in the API process:
//   npm run bench -- shape [--seconds 3] [--rounds 3]
// In process, no build, no database.
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import '../../src/app.module';
import { memoizeValidationMetadata } from '../../src/core/validation/validation-metadata-memo';
import { validateCertificateShape, validateIssuedCertificateShape } from '../../src/dataset/validate-shape';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { inProcessRate } from '../support/load';
import { Figure, Scenario, alternate } from '../support/scenario';

type Lookups = Pick<MetadataStorage, 'getTargetValidationMetadatas' | 'groupByPropertyName'>;

const scenario: Scenario = {
  description: "a certificate's shape checked per second with class-validator's rules looked up once per class, against its own lookup per object",
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
    const checks = [
      ['a create body', () => validateCertificateShape(body).violations.length === 0],
      ['an issued document', () => validateIssuedCertificateShape(issued).violations.length === 0],
    ] as const;
    return {
      async round(round) {
        const figures: Figure[] = [];
        for (const [name, check] of checks) {
          const measured: Record<string, number> = {};
          for (const [which, lookups] of alternate(round, [['memo', memo], ['own', own]] as const)) {
            use(lookups);
            measured[which] = await inProcessRate(seconds, check, 'the certificate did not pass the shape check');
          }
          figures.push({ figure: `shape checks, ${name}`, unit: '/s', hub: measured.memo, reference: { label: "class-validator's own lookup per object", value: measured.own } });
        }
        use(memo);
        return figures;
      },
      async stop() {},
    };
  },
};

export default scenario;
