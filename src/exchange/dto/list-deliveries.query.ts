import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { DeliveryStatus } from '../domain/delivery-status';

// Query strings arrive as strings and stay strings: nothing is converted implicitly.
export class ListDeliveriesQuery {
  @ApiPropertyOptional({ enum: DeliveryStatus, enumName: 'DeliveryStatus' }) @IsOptional() @IsEnum(DeliveryStatus) status?: DeliveryStatus;
  @ApiPropertyOptional({ example: 'JP-NACCS', description: 'Partner code' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'partner must be a partner code such as JP-NACCS' })
  partner?: string;
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50); newest first' })
  @IsOptional()
  @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' })
  limit?: string;
}
