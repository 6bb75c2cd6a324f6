import { ApiProperty } from '../../core/http/deferred-api-property';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { PartyDto } from './party.dto';

/** The goods are invoiced by an operator other than the exporter (a third party, possibly in a non-Party). */
export class ThirdPartyInvoicingDto {
  @ApiProperty({ description: 'The operator that issued the invoice', type: () => PartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  party!: PartyDto;
}
