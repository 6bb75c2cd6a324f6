import { ApiProperty } from '@nestjs/swagger';

export class NodeIdentityView {
  @ApiProperty({ description: "This node's certificate (PEM): partners register it to check this hub's envelope signatures" }) certificate!: string;
  @ApiProperty({ description: 'SHA-256 of its DER, hex: the keyId of the envelope signatures' }) keyId!: string;
  @ApiProperty({ example: 'RSA-SHA256' }) algorithm!: string;
}
