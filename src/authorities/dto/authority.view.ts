import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuthorityRole } from '../../core/auth/authority-role';

export class AuthorityView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-MOC' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'KH' }) country!: string;
  @ApiProperty({ enum: AuthorityRole, isArray: true }) roles!: AuthorityRole[];
  @ApiProperty({ description: 'False for another country\'s authority known here for trust only' }) servedHere!: boolean;
  @ApiProperty() createdAt!: string;
}

export class TraderView {
  @ApiProperty({ example: 'KH-TIN-1234567' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'KH' }) country!: string;
  @ApiProperty() createdAt!: string;
}

export class ApiKeyView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The public prefix of the key' }) prefix!: string;
  @ApiPropertyOptional() label?: string | null;
  @ApiPropertyOptional({ example: 'KH-MOC' }) authority?: string;
  @ApiPropertyOptional({ example: 'KH-TIN-1234567' }) trader?: string;
  @ApiPropertyOptional({ example: 'officer-0042', nullable: true, description: 'The officer holding an authority key' }) officerId?: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() revokedAt?: string | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The secret key, shown once and never again' }) key!: string;
}
