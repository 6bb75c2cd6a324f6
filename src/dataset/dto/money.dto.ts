import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined } from 'class-validator';
import { IsCurrencyCode } from '../validators/code-list.validators';
import { IsDecimalString } from '../validators/format.validators';

/** An amount as a decimal string and an ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ description: 'Decimal written as a string (never a number)', example: '112200.00', type: String, pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' })
  @IsDefined()
  @IsDecimalString({ maxIntegerDigits: 15, maxFractionDigits: 4 })
  amount!: string;

  @ApiProperty({ description: 'ISO 4217 currency code', example: 'USD' })
  @IsDefined()
  @IsCurrencyCode()
  currency!: string;
}
