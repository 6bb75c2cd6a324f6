import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode } from '../validators/code-list.validators';
import { IsIsoDate } from '../validators/format.validators';
import { AGREEMENT_CODE } from '../validators/patterns';
import { OriginCriterionDefinitionDto } from './origin-criterion-definition.dto';

// Nullable fields must still be present: null says "not applicable" explicitly.
const unlessNull = ValidateIf((_object: object, value: unknown) => value !== null);

/** An agreement profile version as an operator uploads it (shape; consistency is checked after). */
export class AgreementProfileDto {
  @ApiProperty({ description: 'Agreement code', example: 'RCEP', pattern: AGREEMENT_CODE.source })
  @IsDefined()
  @IsString()
  @Matches(AGREEMENT_CODE, { message: 'code must be upper-case letters, digits and "_", such as RCEP' })
  code!: string;

  @ApiProperty({ description: 'Version label, unique per code', example: '2022-01-01', maxLength: 32 })
  @IsDefined()
  @IsString()
  @Length(1, 32)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'version must be letters, digits, ".", "_" or "-"' })
  version!: string;

  @ApiProperty({ description: 'Name of the agreement', example: 'Regional Comprehensive Economic Partnership', maxLength: 200 })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Legal basis of the figures', example: 'RCEP Agreement, Chapter 3 (Rules of Origin)', maxLength: 500 })
  @IsDefined()
  @IsString()
  @Length(1, 500)
  legalBasis!: string;

  @ApiProperty({ description: 'Form of certificate, or null', example: 'RCEP', nullable: true, type: String, maxLength: 35 })
  @unlessNull
  @IsDefined()
  @IsString()
  @Length(1, 35)
  formType!: string | null;

  @ApiProperty({ description: 'Preferential agreement', example: true })
  @IsDefined()
  @IsBoolean()
  preferential!: boolean;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 Parties, or null for any country', example: ['TH', 'CN'], nullable: true, type: String, isArray: true })
  @unlessNull
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  parties!: string[] | null;

  @ApiProperty({ description: 'Allowed origin criteria', type: () => OriginCriterionDefinitionDto, isArray: true })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OriginCriterionDefinitionDto)
  allowedOriginCriteria!: OriginCriterionDefinitionDto[];

  @ApiProperty({ description: 'Grace after shipment before a certificate counts as issued retroactively, in days', example: 3, minimum: 0 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(366)
  retroactiveGraceDays!: number;

  @ApiProperty({ description: 'Grace counted in working days (Monday to Friday)', example: true })
  @IsDefined()
  @IsBoolean()
  retroactiveGraceWorkingDays!: boolean;

  @ApiProperty({ description: 'Latest issuance after shipment, in calendar days, or null for no limit', example: 365, nullable: true, type: Number })
  @unlessNull
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(3660)
  retroactiveLimitDays!: number | null;

  @ApiProperty({ description: 'Validity from issue, in days, or null for no expiry', example: 365, nullable: true, type: Number })
  @unlessNull
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(3660)
  validityDays!: number | null;

  @ApiProperty({ description: 'Shortest response time an importing Party must allow, in days', example: 30, nullable: true, type: Number })
  @unlessNull
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(730)
  verificationResponseMinDays!: number | null;

  @ApiProperty({ description: 'Longest response time for a verification request, in days', example: 90, nullable: true, type: Number })
  @unlessNull
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(730)
  verificationResponseMaxDays!: number | null;

  @ApiProperty({ description: 'Quantity tolerance when matching with an import declaration, in percent', example: 5, minimum: 0, maximum: 100 })
  @IsDefined()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  matchingQuantityTolerancePercent!: number;

  @ApiProperty({ description: 'First day in force (inclusive)', example: '2022-01-01', format: 'date' })
  @IsDefined()
  @IsIsoDate()
  effectiveFrom!: string;

  @ApiProperty({ description: 'Last day in force (inclusive), or null', example: null, nullable: true, type: String, format: 'date' })
  @unlessNull
  @IsDefined()
  @IsIsoDate()
  effectiveTo!: string | null;

  @ApiPropertyOptional({ description: 'Sources of the figures and caveats', example: ['Validity: RCEP Art 3.16.6 (one year)'], type: String, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  notes?: string[];
}
