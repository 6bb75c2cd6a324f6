import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCountryCode } from '../../dataset/validators/country-code.validator';
import { AuthorityRole } from '../../core/auth/authority-role';

export class RegisterAuthorityDto {
  @ApiProperty({ example: 'KH-MOC', description: 'Authority code: ISO country code, a hyphen, then letters, digits or hyphens' })
  @IsString()
  @Matches(/^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'code must look like KH-MOC (country, hyphen, upper-case letters and digits)' })
  code!: string;

  @ApiProperty({ example: 'Ministry of Commerce of the Kingdom of Cambodia' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country!: string;

  @ApiProperty({ enum: AuthorityRole, isArray: true, example: ['ISSUER'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsEnum(AuthorityRole, { each: true })
  roles!: AuthorityRole[];

  @ApiPropertyOptional({
    default: true,
    description: 'False for an authority of another country registered here only so its signatures can be trusted (its trust anchors, CRLs): nothing is routed to it locally',
  })
  @IsOptional()
  @IsBoolean()
  servedHere?: boolean;
}
