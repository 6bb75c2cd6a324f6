import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, ValidateNested, type ValidationError } from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors';
import { validateDtoShape } from './validate-dto-shape';

class KeyScopeDto {
  @IsString()
  @Length(2, 10)
  name!: string;
}

class CreateKeyDto {
  @IsInt()
  ttlDays!: number;

  @ValidateNested({ each: true })
  @Type(() => KeyScopeDto)
  scopes!: KeyScopeDto[];
}

describe('flattenValidationErrors', () => {
  it('flattens another DTO with its own rule id prefix', () => {
    const { violations } = validateDtoShape(CreateKeyDto, { ttlDays: '30', scopes: [{ name: 'ok' }, { name: 'x' }], role: 'ADMIN' }, 'API-KEY');
    expect(violations).toEqual([
      { ruleId: 'API-KEY-whitelistValidation', severity: 'error', path: 'role', message: 'unknown field role' },
      { ruleId: 'API-KEY-isInt', severity: 'error', path: 'ttlDays', message: 'ttlDays must be an integer number' },
      { ruleId: 'API-KEY-isLength', severity: 'error', path: 'scopes[1].name', message: 'scopes[1].name must be longer than or equal to 2 characters' },
    ]);
  });

  it('hangs paths from a base path and keeps only the type failure of a field', () => {
    const errors: ValidationError[] = [
      { property: 'amount', constraints: { isString: 'amount must be a string', matches: 'amount must match' }, children: [] },
    ];
    expect(flattenValidationErrors(errors, { basePath: 'items[0].fobValue', ruleIdPrefix: 'X' })).toEqual([
      { ruleId: 'X-isString', severity: 'error', path: 'items[0].fobValue.amount', message: 'items[0].fobValue.amount must be a string' },
    ]);
  });
});
