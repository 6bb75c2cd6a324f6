import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Length } from 'class-validator';

export class OpsSessionDto {
  @ApiProperty({ description: 'The operator token (HUB_ADMIN_TOKEN)', writeOnly: true })
  @IsDefined()
  @IsString()
  @Length(1, 512)
  token!: string;
}
