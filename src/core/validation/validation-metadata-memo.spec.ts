import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, ValidateNested, getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import { validateDtoShape } from './validate-dto-shape';
import { memoizeValidationMetadata } from './validation-metadata-memo';

class Line {
  @IsString()
  @MaxLength(5)
  code!: string;
}

class Base {
  @IsOptional()
  @IsInt()
  count?: number;
}

class Order extends Base {
  @IsString()
  reference!: string;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

const storage = getMetadataStorage();

describe('class-validator rules looked up once per class', () => {
  it('is installed on the process-wide storage by the shape check, and once only', () => {
    const lookUp = storage.getTargetValidationMetadatas;
    memoizeValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
    expect(lookUp.name).not.toBe('getTargetValidationMetadatas');
  });

  it("answers what class-validator's own lookup answers, inherited rules and groups included, and the same list each time", () => {
    // class-validator's own lookup: the prototype's, which the memo shadows on the instance.
    const own = Object.getPrototypeOf(storage) as MetadataStorage;
    const plain = { lookUp: own.getTargetValidationMetadatas.bind(storage), group: own.groupByPropertyName.bind(storage) };
    for (const [always, strictGroups, groups] of [[false, false, undefined], [true, false, undefined], [false, true, []], [false, false, ['g']]] as [boolean, boolean, string[] | undefined][]) {
      for (const target of [Line, Base, Order]) {
        const memoized = storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups);
        expect(memoized).toEqual(plain.lookUp(target, '', always, strictGroups, groups));
        expect(storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups)).toBe(memoized);
        expect(storage.groupByPropertyName(memoized)).toEqual(plain.group(memoized));
        expect(storage.groupByPropertyName(memoized)).toBe(storage.groupByPropertyName(memoized));
      }
    }
    expect(Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(Order, '', false, false))).sort()).toEqual(['count', 'lines', 'reference']);
  });

  it('validates as before: every violation, nested and inherited, and an unknown field', () => {
    const bad = validateDtoShape(Order, { reference: 7, count: 'x', lines: [{ code: 'ABCDEFG' }, { code: 'ok', extra: 1 }] });
    expect(bad.violations.map((v) => v.path).sort()).toEqual(['count', 'lines[0].code', 'lines[1].extra', 'reference']);
    const good = validateDtoShape(Order, { reference: 'PO-1', count: 2, lines: [{ code: 'A1' }] });
    expect(good.violations).toEqual([]);
    expect(good.value).toBeInstanceOf(Order);
  });

  it('drops the memo when a rule is registered later, so a class loaded late is checked by all its rules', () => {
    const before = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(validateDtoShape(Line, { code: 'ABC' }).violations).toEqual([]);
    // A decorator applied now, as a class whose module loads late registers its rules.
    MaxLength(2)(Line.prototype, 'code');
    const after = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(after).not.toBe(before);
    expect(after).toHaveLength(before.length + 1);
    expect(validateDtoShape(Line, { code: 'ABC' }).violations.map((v) => v.path)).toEqual(['code']);
    // The walk of a plain body sorts the class's rules afresh too, with the new constraint's validator.
    expect(validateDtoShape(Line, { code: 'ABC' }, undefined, true).violations.map((v) => v.path)).toEqual(['code']);
    expect(validateDtoShape(Line, { code: 'AB' }, undefined, true)).toEqual({ value: { code: 'AB' }, violations: [] });
  });
});
