import { ApiProperty } from '@nestjs/swagger';

export class ReceiptClaimsView {
  @ApiProperty() envelopeId!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the RFC 8785 form of the whole envelope as the receiver received it, signature included' }) envelopeSha256!: string;
  @ApiProperty({ example: 'DELIVERED' }) status!: string;
  @ApiProperty({ type: String, isArray: true, description: "The acknowledgement's reason code and its warnings' rule ids" }) reasonCodes!: string[];
  @ApiProperty({ description: 'When the receiving node received the envelope' }) receivedAt!: string;
}

/**
 * A delivery's signed receipt with everything needed to check it offline (`ecoo-verify --receipt
 * <file>`): every field is checked, so one changed byte of any of them fails the check.
 */
export class ReceiptView {
  @ApiProperty({ description: "The receiving node's receipt: a compact JWS, RS256, whose header names its certificate by x5t#S256" }) receipt!: string;
  @ApiProperty({ type: ReceiptClaimsView, description: 'What the receipt says, as signed' }) claims!: ReceiptClaimsView;
  @ApiProperty({ description: "The receiving node's certificate (PEM) the receipt is signed under, as this hub held it for the partner" }) certificate!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The envelope this hub sent, whose RFC 8785 form hashes to claims.envelopeSha256' }) envelope!: Record<string, unknown>;
}
