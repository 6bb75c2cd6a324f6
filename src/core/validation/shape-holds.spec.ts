import 'reflect-metadata';
import { Exclude, plainToInstance, Transform, Type } from 'class-transformer';
import {
  Allow,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Length,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  validateSync,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { BUILT_IN_PROFILES } from '../../dataset/agreements/built-in-profiles';
import { AgreementProfileDto } from '../../dataset/dto/agreement-profile.dto';
import { CertificateDocumentDto } from '../../dataset/dto/certificate-document.dto';
import { IssuedCertificateDocumentDto } from '../../dataset/dto/issued-certificate-document.dto';
import { buildCertificate, buildItem } from '../../dataset/testing/build-certificate';
import { plainShapeHolds, shapeHolds } from './shape-holds';
import { validateDtoShape } from './validate-dto-shape';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** What class-validator answers: true when validateSync, as validateDtoShape calls it, finds nothing. */
function classValidatorFindsNothing(instance: object): boolean {
  return validateSync(instance, OPTIONS).length === 0;
}

function verdicts(cls: new () => object, body: unknown): { fast: boolean; full: boolean } {
  // The walk of the plain body first: it must neither need nor change anything the instance is made of.
  const before = JSON.stringify(body);
  const plain = plainShapeHolds(cls, body);
  expect(JSON.stringify(body)).toBe(before);
  const instance = plainToInstance(cls, body, { enableImplicitConversion: false }) as object;
  // The fast walk next: class-validator's own walk deletes nothing with forbidNonWhitelisted, but it runs last anyway.
  const fast = shapeHolds(instance);
  // Where the walk of the plain body says the shape holds, the instance's walk says so too, and it says so of every body these specs give.
  if (plain !== fast) throw new Error(`plainShapeHolds says ${plain}, shapeHolds ${fast}: ${JSON.stringify(body)}`);
  return { fast, full: classValidatorFindsNothing(instance) };
}

// A deterministic generator, so that a failure names a seed that reproduces it: a 32-bit linear
// congruential generator with the multiplier and increment of Numerical Recipes (1664525, 1013904223),
// its upper bits taken, after a few steps to spread small seeds.
function generator(seed: number): () => number {
  let state = seed >>> 0;
  const step = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < 4; i++) step();
  return () => step() / 4294967296;
}

const ODD_VALUES: unknown[] = [
  null,
  '',
  'x',
  'X'.repeat(300),
  '2026-02-30',
  '2026-05-11',
  '2026-05-11T09:00:00Z',
  'THBKK',
  'TH',
  'usd',
  'USD',
  '12.50',
  '-1',
  '081060',
  'WO',
  'ไทย 中文 😀',
  0,
  1,
  -1,
  1.5,
  1e21,
  true,
  false,
  [],
  [1],
  ['a'],
  [{}],
  [null],
  {},
  { value: '1', unit: 'KGM' },
  { amount: '1.00', currency: 'USD' },
];

/** Every path to a value in a JSON tree (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      out.push([...prefix, index]);
      paths(element, [...prefix, index], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([...prefix, key]);
      paths((value as Record<string, unknown>)[key], [...prefix, key], out);
    }
  }
  return out;
}

function containers(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    out.push(prefix);
    if (Array.isArray(value)) value.forEach((element, index) => containers(element, [...prefix, index], out));
    else for (const key of Object.keys(value)) containers((value as Record<string, unknown>)[key], [...prefix, key], out);
  }
  return out;
}

function at(root: unknown, path: (string | number)[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const step of path) node = node[step] as Record<string | number, unknown>;
  return node;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** One to three random changes to a copy of `base`: a value replaced, a member removed, an unknown member added, an element repeated. */
function mutate(base: unknown, next: () => number): unknown {
  const copy = clone(base);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const changes = 1 + Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const kind = next();
    if (kind < 0.45) {
      const path = pick(paths(copy));
      if (!path) continue;
      at(copy, path.slice(0, -1))[path[path.length - 1]] = clone(pick(ODD_VALUES));
    } else if (kind < 0.7) {
      const path = pick(paths(copy));
      if (!path) continue;
      const parent = at(copy, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
      else delete parent[path[path.length - 1]];
    } else if (kind < 0.85) {
      const place = pick(containers(copy));
      const node = at(copy, place);
      if (!Array.isArray(node)) node[pick(['unknown', 'note', 'id', 'x'])] = clone(pick(ODD_VALUES));
    } else {
      const place = pick(containers(copy));
      const node = at(copy, place);
      if (Array.isArray(node) && node.length > 0) node.push(clone(node[0]));
    }
  }
  return copy;
}

/** The certificate with every optional part the dataset has, so the walk meets them all. */
function richCertificate(): Record<string, unknown> {
  const party = { id: 'SG-UEN-201912345K', name: 'Lion City Trading Pte. Ltd.', address: { line1: '1 Raffles Place', city: 'Singapore', country: 'SG' } };
  return {
    ...(buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2, hsCode: '081090', originCriterion: 'CTH' })] }) as unknown as Record<string, unknown>),
    thirdPartyInvoicing: { party },
    backToBack: { originalCertificateNumber: 'MY-RCEP-2026-0001234', originalIssuingCountry: 'MY' },
    remarks: 'Ships on the 12th; quotes "like this", a back\\slash.',
  };
}

describe('shapeHolds: class-validator without its errors', () => {
  describe('answers as validateSync does on the dataset’s documents, valid and broken', () => {
    const cases: { name: string; cls: new () => object; bases: unknown[] }[] = [
      { name: 'a certificate create body', cls: CertificateDocumentDto, bases: [buildCertificate(), richCertificate()] },
      {
        name: 'an issued certificate',
        cls: IssuedCertificateDocumentDto,
        bases: [{ ...richCertificate(), issuingAuthority: 'TH-DFT', issueDateTime: '2026-05-12T09:00:00.000Z', copyNumber: 1 }],
      },
      { name: 'an agreement profile', cls: AgreementProfileDto, bases: [...BUILT_IN_PROFILES] },
    ];

    it.each(cases)('$name: the unchanged documents hold', ({ cls, bases }) => {
      for (const base of bases) expect(verdicts(cls, base)).toEqual({ fast: true, full: true });
    });

    it.each(cases)('$name: 3,000 mutated documents each, same verdict', ({ cls, bases }) => {
      let held = 0;
      for (let seed = 1; seed <= 3000; seed++) {
        const next = generator(seed);
        const body = mutate(bases[seed % bases.length], next);
        const { fast, full } = verdicts(cls, body);
        if (fast !== full) throw new Error(`seed ${seed}: shapeHolds says ${fast}, class-validator ${full ? 'finds nothing' : 'finds violations'}: ${JSON.stringify(body)}`);
        if (fast) held += 1;
      }
      // Both sides of the verdict were met: some changes keep the shape (an optional member removed), most break it.
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(3000);
    });
  });

  describe('the rules it follows, one at a time', () => {
    @ValidatorConstraint({ name: 'evenLength' })
    class EvenLength implements ValidatorConstraintInterface {
      validate(value: unknown): boolean {
        return typeof value === 'string' && value.length % 2 === 0;
      }
    }

    class Leaf {
      @IsDefined()
      @IsString()
      @Length(1, 3)
      code!: string;
    }

    class Root {
      @IsOptional()
      @IsInt()
      count?: number;

      @ValidateIf((object: Root) => object.count !== undefined)
      @IsString()
      unit?: string;

      @IsString({ each: true })
      @IsOptional()
      tags?: string[];

      @ValidateNested({ each: true })
      @Type(() => Leaf)
      @IsOptional()
      leaves?: Leaf[];

      @ValidateNested()
      @Type(() => Leaf)
      @IsOptional()
      leaf?: Leaf;

      @Validate(EvenLength)
      @IsOptional()
      pair?: string;

      @Allow()
      free?: unknown;
    }

    const cases: [string, unknown, boolean][] = [
      ['an empty body (every member optional)', {}, true],
      ['an optional member null', { leaf: null, count: null, unit: 'KGM' }, true],
      ['a member of the wrong type', { count: 1.5 }, false],
      ['a condition that holds, its rule broken', { count: 2, unit: 4 }, false],
      ['a condition that does not hold, its rule left out', { unit: 4 }, true],
      ['each element checked', { tags: ['a', 'b'] }, true],
      ['one element of the wrong type', { tags: ['a', 2] }, false],
      ['nested objects in an array', { leaves: [{ code: 'AB' }, { code: 'C' }] }, true],
      ['a nested object broken', { leaves: [{ code: 'ABCD' }] }, false],
      ['a primitive where objects are expected', { leaves: ['AB'] }, false],
      ['a nested member no rule names', { leaf: { code: 'AB', extra: 1 } }, false],
      ['a required nested member missing', { leaf: {} }, false],
      ['a member no rule names', { other: 1 }, false],
      ['a member allowed without a rule', { free: { anything: [1, 2] } }, true],
      ['a custom constraint that holds', { pair: 'ab' }, true],
      ['a custom constraint that does not', { pair: 'abc' }, false],
    ];

    it.each(cases)('%s', (_name, body, expected) => {
      expect(verdicts(Root, body)).toEqual({ fast: expected, full: expected });
    });

    it('refuses an object whose class has no rule (forbidUnknownValues), as class-validator does', () => {
      class Bare {}
      expect(shapeHolds(new Bare())).toBe(false);
      expect(classValidatorFindsNothing(new Bare())).toBe(false);
    });

    it('leaves a constraint that answers with a promise to class-validator, which validateSync does not wait for', () => {
      class Later {
        @ValidateBy({ name: 'later', validator: { validate: () => Promise.resolve(false) as unknown as boolean } })
        value!: string;
      }
      const instance = plainToInstance(Later, { value: 'x' });
      expect(shapeHolds(instance)).toBe(false);
      // validateSync never waits, so it finds nothing: validateDtoShape gives class-validator's answer.
      expect(classValidatorFindsNothing(instance)).toBe(true);
      expect(validateDtoShape(Later, { value: 'x' }).violations).toEqual([]);
    });
  });

  describe('plainShapeHolds leaves to the instance what class-transformer would not copy as it is', () => {
    class Part {
      @IsString()
      code!: string;
    }

    it('a member class-transformer changes (@Transform) or leaves out (@Exclude)', () => {
      class Trimmed {
        @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
        @IsString()
        @Length(1, 3)
        code!: string;
      }
      class Hidden {
        @Exclude()
        @IsOptional()
        @IsString()
        note?: string;
      }
      // A body the instance's walk passes once trimmed: the plain walk does not answer for it.
      expect(plainShapeHolds(Trimmed, { code: ' AB ' })).toBe(false);
      expect(shapeHolds(plainToInstance(Trimmed, { code: ' AB ' }))).toBe(true);
      expect(plainShapeHolds(Hidden, { note: 'x' })).toBe(false);
    });

    it('a member named like something the prototype has, which plainToInstance leaves out', () => {
      class WithMethod {
        @IsOptional()
        @IsString()
        label?: string;

        @IsOptional()
        @IsString()
        describe?: string;

        describeIt(): string {
          return this.label ?? '';
        }
      }
      expect(plainShapeHolds(WithMethod, { label: 'a' })).toBe(true);
      expect(plainShapeHolds(WithMethod, { label: 'a', describeIt: 'b' })).toBe(false);
      expect(plainShapeHolds(WithMethod, { label: 'a', toString: 'b' })).toBe(false);
    });

    it('a nested member whose @Type is no class of rules, or which has none', () => {
      class Dated {
        @ValidateNested()
        @Type(() => Date)
        at!: Date;
      }
      class Untyped {
        @ValidateNested()
        part!: Part;
      }
      class Typed {
        @ValidateNested()
        @Type(() => Part)
        part!: Part;
      }
      expect(plainShapeHolds(Dated, { at: {} })).toBe(false);
      expect(plainShapeHolds(Untyped, { part: { code: 'A' } })).toBe(false);
      expect(plainShapeHolds(Typed, { part: { code: 'A' } })).toBe(true);
      expect(plainShapeHolds(Typed, { part: { code: 1 } })).toBe(false);
    });

    it('a body that is no plain JSON object', () => {
      expect(plainShapeHolds(Part, plainToInstance(Part, { code: 'A' }))).toBe(false);
      expect(plainShapeHolds(Part, [{ code: 'A' }])).toBe(false);
      expect(plainShapeHolds(Part, null)).toBe(false);
      expect(plainShapeHolds(Part, { code: 'A' })).toBe(true);
    });
  });

  it('gives validateDtoShape with asPlain the body itself where the shape holds, and the same violations where not', () => {
    const body = buildCertificate();
    const valid = validateDtoShape(CertificateDocumentDto, body, undefined, true);
    expect(valid).toEqual({ value: body, violations: [] });
    expect(valid.value).toBe(body);
    const broken = buildCertificate({ exportCountry: 'XX', certificateNumber: undefined });
    expect(validateDtoShape(CertificateDocumentDto, broken, undefined, true)).toEqual(validateDtoShape(CertificateDocumentDto, broken));
  });

  it('gives validateDtoShape the same value and violations as before: the instance where the shape holds, every violation where not', () => {
    const valid = validateDtoShape(CertificateDocumentDto, buildCertificate());
    expect(valid.violations).toEqual([]);
    expect(valid.value).toBeInstanceOf(CertificateDocumentDto);
    const broken = validateDtoShape(CertificateDocumentDto, buildCertificate({ exportCountry: 'XX', certificateNumber: undefined }));
    expect(broken.value).toBeUndefined();
    expect(broken.violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['CO-SHAPE-isDefined', 'certificateNumber'],
      ['CO-SHAPE-isCountryCode', 'exportCountry'],
    ]);
  });
});
