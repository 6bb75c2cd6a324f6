import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined, IsString, Length, Matches } from 'class-validator';
import { IsIsoDate } from '../validators/format.validators';
import { DOCUMENT_NUMBER } from '../validators/patterns';

export class InvoiceDto {
  @ApiProperty({ description: 'Commercial invoice number (an..35)', example: 'CFF-26-0512-01', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'number must be letters, digits, space, ".", "_", "/" or "-", starting and ending with a letter or digit' })
  number!: string;

  @ApiProperty({ description: 'Invoice date, YYYY-MM-DD', example: '2026-05-11', format: 'date' })
  @IsDefined()
  @IsIsoDate()
  date!: string;
}
