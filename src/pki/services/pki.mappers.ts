import { derToPem } from '../crypto/x509';
import { splitDer } from '../domain/der-bundle';
import { KeyOwnerType } from '../domain/key-owner';
import { CrlView, SigningKeyView, TrustAnchorView } from '../dto/pki.views';
import { CrlEntity } from '../entities/crl.entity';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { TrustAnchorEntity } from '../entities/trust-anchor.entity';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toSigningKeyView(key: SigningKeyEntity, warnings?: string[]): SigningKeyView {
  const view: SigningKeyView = {
    id: key.id,
    authority: key.authorityCode,
    node: key.ownerType === KeyOwnerType.NODE,
    status: key.status,
    source: key.source,
    label: key.label,
    keyAlgorithm: key.keyAlgorithm,
    keyBits: key.keyBits,
    subject: key.subject,
    issuer: key.issuer,
    serialNumber: key.serialNumber,
    fingerprintSha256: key.fingerprintSha256,
    notBefore: iso(key.notBefore),
    notAfter: iso(key.notAfter),
    certificatePem: key.certificateDer ? derToPem(key.certificateDer) : null,
    chainPem: splitDer(key.chainDer).map((der) => derToPem(der)),
    csrPem: key.csrPem,
    keyStore: key.keyStore,
    token: key.tokenLabel && key.tokenKeyId ? { label: key.tokenLabel, keyId: key.tokenKeyId.toString('hex') } : null,
    kdf: key.privateKeyKdf,
    masterKeyVersion: key.privateKeyVersion,
    masterKeyId: key.privateKeyMasterKeyId,
    activatedAt: iso(key.activatedAt),
    retiredAt: iso(key.retiredAt),
    revokedAt: iso(key.revokedAt),
    revocationReason: key.revocationReason,
    createdAt: key.createdAt.toISOString(),
  };
  if (warnings && warnings.length > 0) view.warnings = warnings;
  return view;
}

export function toTrustAnchorView(anchor: TrustAnchorEntity): TrustAnchorView {
  return {
    id: anchor.id,
    authority: anchor.authorityCode,
    node: anchor.ownerType === KeyOwnerType.NODE,
    partnerNodes: anchor.ownerType === KeyOwnerType.PARTNER_NODES,
    label: anchor.label,
    subject: anchor.subject,
    fingerprintSha256: anchor.fingerprintSha256,
    notBefore: anchor.notBefore.toISOString(),
    notAfter: anchor.notAfter.toISOString(),
    certificatePem: derToPem(anchor.certificateDer),
    createdAt: anchor.createdAt.toISOString(),
  };
}

export function toCrlView(crl: CrlEntity, revokedKeyIds: string[] = []): CrlView {
  return {
    id: crl.id,
    issuer: crl.issuer,
    issuerFingerprintSha256: crl.issuerFingerprintSha256,
    crlNumber: crl.crlNumber,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate.toISOString(),
    revokedCount: crl.revokedCount,
    revokedKeyIds,
    createdAt: crl.createdAt.toISOString(),
  };
}
