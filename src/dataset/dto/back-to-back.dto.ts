import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined, IsString, Length, Matches } from 'class-validator';
import { IsCountryCode } from '../validators/code-list.validators';
import { DOCUMENT_NUMBER } from '../validators/patterns';

/** A back-to-back certificate issued by an intermediate Party on the basis of an original proof of origin. */
export class BackToBackDto {
  @ApiProperty({ description: 'Number of the original certificate (an..35)', example: 'VN-RCEP-26-000123', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'originalCertificateNumber must be letters, digits, space, ".", "_", "/" or "-", starting and ending with a letter or digit' })
  originalCertificateNumber!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country that issued the original certificate', example: 'VN' })
  @IsDefined()
  @IsCountryCode()
  originalIssuingCountry!: string;
}
