import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, Matches } from 'class-validator';
import { SigningKeyStatus } from '../domain/key-status';
import { AUTHORITY_CODE } from './key-owner.dto';

// Query strings arrive as strings and stay strings.
export class ListKeysQuery {
  @ApiPropertyOptional({ example: 'KH-MOC' })
  @IsOptional()
  @Matches(AUTHORITY_CODE, { message: 'authority must be an authority code such as KH-MOC' })
  authority?: string;

  @ApiPropertyOptional({ enum: ['true'], description: "Only the hub node's keys" })
  @IsOptional()
  @IsIn(['true'])
  node?: string;

  @ApiPropertyOptional({ enum: SigningKeyStatus })
  @IsOptional()
  @IsEnum(SigningKeyStatus)
  status?: SigningKeyStatus;
}

export class ListAnchorsQuery {
  @ApiPropertyOptional({ example: 'KH-MOC' })
  @IsOptional()
  @Matches(AUTHORITY_CODE, { message: 'authority must be an authority code such as KH-MOC' })
  authority?: string;

  @ApiPropertyOptional({ enum: ['true'], description: "Only the hub node's anchors" })
  @IsOptional()
  @IsIn(['true'])
  node?: string;

  @ApiPropertyOptional({ enum: ['true'], description: "Only the anchors of partner nodes' certificates" })
  @IsOptional()
  @IsIn(['true'])
  partnerNodes?: string;
}
