import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CmsCheckCode, CmsReasonCode, RevocationStatus } from '../crypto/cms-verification';
import { SigningKeySource, SigningKeyStatus } from '../domain/key-status';
import { KeyStoreKind } from '../keys/key-store.interface';

export class TokenReferenceView {
  @ApiProperty({ example: 'ecoo-hub' }) label!: string;
  @ApiProperty({ example: '3f2b0c6e9d4a4e1f8b7a6c5d4e3f2a1b', description: 'CKA_ID, hex' }) keyId!: string;
}

/** A signing key as the operator sees it: never any private material. */
export class SigningKeyView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ example: 'KH-MOC', nullable: true, description: 'The owning authority; null for the hub node' }) authority!: string | null;
  @ApiProperty({ description: "True for the hub node's own key" }) node!: boolean;
  @ApiProperty({ enum: SigningKeyStatus }) status!: SigningKeyStatus;
  @ApiProperty({ enum: SigningKeySource }) source!: SigningKeySource;
  @ApiPropertyOptional({ nullable: true }) label!: string | null;
  @ApiProperty({ example: 'RSA' }) keyAlgorithm!: string;
  @ApiProperty({ example: 3072 }) keyBits!: number;
  @ApiPropertyOptional({ nullable: true, example: 'C=KH, O=Ministry of Commerce, CN=KH-MOC CO signer' }) subject!: string | null;
  @ApiPropertyOptional({ nullable: true }) issuer!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Certificate serial number, hex' }) serialNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'SHA-256 of the certificate DER, hex' }) fingerprintSha256!: string | null;
  @ApiPropertyOptional({ nullable: true }) notBefore!: string | null;
  @ApiPropertyOptional({ nullable: true }) notAfter!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The signing certificate (PEM)' }) certificatePem!: string | null;
  @ApiProperty({ type: String, isArray: true, description: 'The intermediate CA certificates carried in signatures (PEM)' }) chainPem!: string[];
  @ApiPropertyOptional({ nullable: true, description: 'The PKCS#10 request, while the key waits for its certificate' }) csrPem!: string | null;
  @ApiProperty({ enum: KeyStoreKind, description: 'Where the private key is kept: DATABASE (sealed) or PKCS11 (a token)' }) keyStore!: KeyStoreKind;
  @ApiPropertyOptional({ nullable: true, description: 'A PKCS11 key: the token that holds it, by label, and its CKA_ID there (hex)' }) token!: TokenReferenceView | null;
  @ApiPropertyOptional({ nullable: true, example: 'hkdf-sha256', description: 'How the at-rest encryption key is derived from HUB_MASTER_KEY; null for a key in a token' }) kdf!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 1, description: "The version label bound into the private key's encryption (HUB_MASTER_KEY_VERSION when it was sealed); null for a key in a token" }) masterKeyVersion!: number | null;
  @ApiPropertyOptional({
    nullable: true,
    example: '3f9a0c51d2e84b67',
    description: 'The id of the master key the private key is sealed under (derived from the key; null: sealed before ids were stored). `npm run keys:rotate-master` reports the same ids',
  })
  masterKeyId!: string | null;
  @ApiPropertyOptional({ nullable: true }) activatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) retiredAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) revocationReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Things worth knowing about the certificate (not refusals)' }) warnings?: string[];
}

export class TrustAnchorView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ example: 'KH-MOC', nullable: true }) authority!: string | null;
  @ApiProperty() node!: boolean;
  @ApiProperty({ description: "A CA of partner nodes' certificates" }) partnerNodes!: boolean;
  @ApiPropertyOptional({ nullable: true }) label!: string | null;
  @ApiProperty({ example: 'C=KH, O=Ministry of Commerce, CN=MOC Root CA' }) subject!: string;
  @ApiProperty() fingerprintSha256!: string;
  @ApiProperty() notBefore!: string;
  @ApiProperty() notAfter!: string;
  @ApiProperty() certificatePem!: string;
  @ApiProperty() createdAt!: string;
}

export class CrlView {
  @ApiProperty() id!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ description: 'SHA-256 of the CA certificate that signed it' }) issuerFingerprintSha256!: string;
  @ApiPropertyOptional({ nullable: true, description: 'cRLNumber, hex' }) crlNumber!: string | null;
  @ApiProperty() thisUpdate!: string;
  @ApiProperty() nextUpdate!: string;
  @ApiProperty() revokedCount!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Hub keys this CRL revoked' }) revokedKeyIds!: string[];
  @ApiProperty() createdAt!: string;
}

export class GeneratedKeyView extends SigningKeyView {
  @ApiProperty({ description: "The PKCS#10 request to send to the authority's CA" }) declare csrPem: string;
}

export class DevKeyResultView {
  @ApiPropertyOptional({ example: 'KH-MOC', nullable: true }) authority!: string | null;
  @ApiProperty() node!: boolean;
  @ApiProperty({ enum: ['CREATED', 'ALREADY_ACTIVE'] }) outcome!: 'CREATED' | 'ALREADY_ACTIVE';
  @ApiProperty() keyId!: string;
  @ApiPropertyOptional({ description: 'The throw-away CA registered as trust anchor (PEM), when one was made' }) caCertificatePem?: string;
}

export class DevKeysView {
  @ApiProperty({ type: DevKeyResultView, isArray: true }) results!: DevKeyResultView[];
}

export class CmsCheckView {
  @ApiProperty({ enum: CmsCheckCode }) code!: CmsCheckCode;
  @ApiProperty() passed!: boolean;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ enum: CmsReasonCode }) reason?: CmsReasonCode;
}

export class SignerView {
  @ApiProperty() subject!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() serialNumber!: string;
  @ApiProperty() fingerprintSha256!: string;
  @ApiProperty() notBefore!: string;
  @ApiProperty() notAfter!: string;
}

export class RevocationView {
  @ApiProperty({ enum: RevocationStatus }) status!: RevocationStatus;
  @ApiPropertyOptional() revocationDate?: string;
}

export class SignatureVerificationView {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: CmsReasonCode, isArray: true, description: 'Why it is not valid, in check order' }) reasons!: CmsReasonCode[];
  @ApiProperty({ type: CmsCheckView, isArray: true }) checks!: CmsCheckView[];
  @ApiPropertyOptional({ type: SignerView }) signer?: SignerView;
  @ApiPropertyOptional({ description: "The signer's own signing-time claim (informational)" }) signingTime?: string;
  @ApiProperty({ description: 'The hub-recorded issue time the checks were made at' }) issueTime!: string;
  @ApiPropertyOptional() trustAnchorFingerprintSha256?: string;
  @ApiProperty({ type: RevocationView }) revocation!: RevocationView;
}
