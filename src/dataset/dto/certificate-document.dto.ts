import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode, IsUnLocode } from '../validators/code-list.validators';
import { AGREEMENT_CODE, DOCUMENT_NUMBER } from '../validators/patterns';
import { BackToBackDto } from './back-to-back.dto';
import { CertificateItemDto } from './certificate-item.dto';
import { CertificationDto } from './certification.dto';
import { DocumentFunction } from './document-function.enum';
import { ExporterDeclarationDto } from './exporter-declaration.dto';
import { InvoiceDto } from './invoice.dto';
import { PartyDto } from './party.dto';
import { ProducerDisclosure } from './producer-disclosure.enum';
import { ThirdPartyInvoicingDto } from './third-party-invoicing.dto';
import { TransportDto } from './transport.dto';

const NUMBER_MESSAGE = 'must be letters, digits, space, ".", "_", "/" or "-", starting and ending with a letter or digit';

/**
 * The certificate document body of the common e-CoO dataset v1 (DESIGN.md section 4), as a caller
 * sends it. `issuingAuthority` and `issueDateTime` are set by the hub and refused here as unknown fields.
 */
export class CertificateDocumentDto {
  @ApiProperty({ description: 'Certificate number, unique per issuing authority (an..35)', example: 'TH-RCEP-2026-0098812', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: `certificateNumber ${NUMBER_MESSAGE}` })
  certificateNumber!: string;

  @ApiProperty({
    description: 'Document function (UN/EDIFACT 1225: ORIGINAL 9, REPLACEMENT 5, CANCELLATION 1, DUPLICATE 7)',
    enum: DocumentFunction,
    enumName: 'DocumentFunction',
    example: DocumentFunction.ORIGINAL,
  })
  @IsDefined()
  @IsEnum(DocumentFunction)
  documentFunction!: DocumentFunction;

  @ApiPropertyOptional({
    description: 'Number of the certificate this one replaces (REPLACEMENT) or copies (DUPLICATE)',
    example: 'TH-RCEP-2026-0098700',
    maxLength: 35,
  })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: `replacesCertificateNumber ${NUMBER_MESSAGE}` })
  replacesCertificateNumber?: string;

  @ApiProperty({ description: 'True for a preferential certificate under a trade agreement', example: true })
  @IsDefined()
  @IsBoolean()
  preferential!: boolean;

  @ApiPropertyOptional({ description: 'Agreement profile code; required when preferential', example: 'RCEP', pattern: AGREEMENT_CODE.source })
  @IsOptional()
  @IsString()
  @Matches(AGREEMENT_CODE, { message: 'agreement must be an agreement profile code such as RCEP' })
  agreement?: string;

  @ApiPropertyOptional({ description: 'Form of the certificate under the agreement (RCEP, D, E, ...)', example: 'RCEP', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  formType?: string;

  @ApiProperty({ description: 'Place of issue, UN/LOCODE', example: 'THBKK' })
  @IsDefined()
  @IsUnLocode()
  issuePlace!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country of export', example: 'TH' })
  @IsDefined()
  @IsCountryCode()
  exportCountry!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country of import', example: 'CN' })
  @IsDefined()
  @IsCountryCode()
  importCountry!: string;

  @ApiProperty({ description: 'Exporter', type: () => PartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  exporter!: PartyDto;

  @ApiProperty({ description: 'Consignee (importer)', type: () => PartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  consignee!: PartyDto;

  @ApiPropertyOptional({ description: 'Producer; or give producerDisclosure instead (not both)', type: () => PartyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  producer?: PartyDto;

  @ApiPropertyOptional({
    description: 'Said instead of producer when the producer is kept confidential',
    enum: ProducerDisclosure,
    enumName: 'ProducerDisclosure',
    example: ProducerDisclosure.AVAILABLE_ON_REQUEST,
  })
  @IsOptional()
  @IsEnum(ProducerDisclosure)
  producerDisclosure?: ProducerDisclosure;

  @ApiProperty({ description: 'Means of transport and route', type: () => TransportDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TransportDto)
  transport!: TransportDto;

  @ApiPropertyOptional({ description: 'Commercial invoices; required when preferential', type: () => InvoiceDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InvoiceDto)
  invoices?: InvoiceDto[];

  @ApiPropertyOptional({ description: 'Invoicing by an operator other than the exporter', type: () => ThirdPartyInvoicingDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ThirdPartyInvoicingDto)
  thirdPartyInvoicing?: ThirdPartyInvoicingDto;

  @ApiPropertyOptional({ description: 'Back-to-back certificate: the original proof of origin', type: () => BackToBackDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BackToBackDto)
  backToBack?: BackToBackDto;

  @ApiPropertyOptional({ description: 'Issued after shipment, beyond the agreement’s grace period', example: false })
  @IsOptional()
  @IsBoolean()
  issuedRetroactively?: boolean;

  @ApiPropertyOptional({ description: 'WCO Unique Consignment Reference (rule CO-UCR-001)', example: '6TH0105561000001-CFF26051201', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  ucr?: string;

  @ApiPropertyOptional({ description: 'Reference of the export declaration', example: 'A0012605120033', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  exportDeclarationRef?: string;

  @ApiPropertyOptional({ description: 'Remarks', example: 'Shipment under L/C 12345', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  remarks?: string;

  @ApiPropertyOptional({ description: 'Declaration by the exporter', type: () => ExporterDeclarationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExporterDeclarationDto)
  exporterDeclaration?: ExporterDeclarationDto;

  @ApiPropertyOptional({ description: 'Certification by the issuing authority', type: () => CertificationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CertificationDto)
  certification?: CertificationDto;

  @ApiProperty({ description: 'Goods, 1 to 999 items', type: () => CertificateItemDto, isArray: true, minItems: 1, maxItems: 999 })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CertificateItemDto)
  items!: CertificateItemDto[];
}
