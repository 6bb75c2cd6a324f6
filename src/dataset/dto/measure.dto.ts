import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined } from 'class-validator';
import { IsUnitCode } from '../validators/code-list.validators';
import { IsDecimalString } from '../validators/format.validators';

/** A weight or quantity: a decimal string and a UNECE Recommendation 20 unit. */
export class MeasureDto {
  @ApiProperty({ description: 'Decimal written as a string (never a number)', example: '19800', type: String, pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' })
  @IsDefined()
  @IsDecimalString({ maxIntegerDigits: 15, maxFractionDigits: 6 })
  value!: string;

  @ApiProperty({ description: 'UNECE Recommendation 20 unit code', example: 'KGM' })
  @IsDefined()
  @IsUnitCode()
  unit!: string;
}
