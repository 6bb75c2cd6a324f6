import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type QRCode from 'qrcode';
import type { Principal } from '../../core/auth/principal';
import { CertificateQueriesService } from '../../certificates/certificate-queries.service';
import { CertificateStatus, IssuedThrough } from '../../certificates/domain/certificate-status';
import { canonicalDeclaration } from '../../dataset/exporter-declaration';
import { coversExporterSignature } from '../../pki/crypto/exporter-signature-attribute';
import type { CertificateRecord } from '../../certificates/certificate-record';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { KeyOwnerType } from '../../pki/domain/key-owner';
import { SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { VerificationError, VerificationErrorCode } from '../verification.error';
import { renderCertificatePdf } from './certificate-pdf';

export interface RenderedPdf {
  bytes: Buffer;
  fileName: string;
}

/** GET /v1/certificates/{id}/pdf: the certificate as a printable PDF, for whoever may see it. */
@Injectable()
export class CertificatePdfService {
  constructor(
    private readonly certificates: CertificateQueriesService,
    private readonly signatures: SignatureVerificationService,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
  ) {}

  /** The public verification page of a certificate token (what its QR code holds). */
  verificationUrl(token: string): string {
    return `${this.config.publicUrl}/verify/${token}`;
  }

  async render(principal: Principal, id: string): Promise<RenderedPdf> {
    // Same visibility as GET /v1/certificates/{id}, and audited the same way.
    const certificate = await this.certificates.openForRead(principal, id);
    if (certificate.status === CertificateStatus.DRAFT) {
      throw new VerificationError(VerificationErrorCode.CERTIFICATE_NOT_ISSUED, `Certificate ${certificate.certificateNumber} is a draft: there is nothing to print yet`, {
        currentStatus: certificate.status,
      });
    }
    const url = certificate.verificationToken ? this.verificationUrl(certificate.verificationToken) : null;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the first PDF, not by every process at start
    const qr = url ? (require('qrcode') as typeof QRCode).create(url, { errorCorrectionLevel: 'M' }).modules : null;
    const bytes = await renderCertificatePdf({
      certificate: {
        certificateNumber: certificate.certificateNumber,
        copyNumber: certificate.copyNumber,
        issuingAuthority: certificate.issuingAuthorityCode,
        documentFunction: certificate.documentFunction,
        status: certificate.status,
        issueDateTime: certificate.issueDateTime?.toISOString() ?? null,
        expiresAt: certificate.expiresAt?.toISOString() ?? null,
        documentHash: certificate.documentHash,
        document: certificate.document,
      },
      verificationUrl: url,
      qr,
      signatureStatus: await this.signatureStatus(certificate),
      exporterSignatureStatus: await this.exporterSignatureStatus(certificate),
      generatedAt: this.clock.now(),
    });
    const safe = certificate.certificateNumber.replace(/[^A-Za-z0-9._-]/g, '_');
    return { bytes, fileName: certificate.copyNumber > 0 ? `${safe}-copy${certificate.copyNumber}.pdf` : `${safe}.pdf` };
  }

  private async signatureStatus(certificate: CertificateRecord): Promise<string> {
    if (!certificate.signatureCms || !certificate.canonicalDocument || !certificate.issueDateTime) return 'none: this certificate was issued without a signature';
    const { result } = await this.signatures.verifyWithContext({
      owner: { type: KeyOwnerType.AUTHORITY, authorityId: certificate.issuingAuthorityId, code: certificate.issuingAuthorityCode },
      content: certificate.canonicalDocument,
      cmsDer: certificate.signatureCms,
      issueTime: certificate.issueDateTime,
      signatureCheckMac: certificate.signatureCheckMac,
    });
    const signer = result.signer ? ` by "${result.signer.subject}" (serial ${result.signer.serialNumber})` : '';
    if (result.valid) return `valid detached CMS (SHA-256 with RSA)${signer}, checked against the trust anchors of ${certificate.issuingAuthorityCode}`;
    return `NOT VALID${signer}: ${result.reasons.join(', ')}`;
  }

  private async exporterSignatureStatus(certificate: CertificateRecord): Promise<string> {
    switch (certificate.issuedThrough) {
      case IssuedThrough.AUTHORITY_DIRECTLY:
        return 'none: issued directly by the authority';
      case IssuedThrough.APPLICATION_THROUGH_EXPORTER_API_KEY:
        return "none: the declaration was made through the exporter's authenticated API key";
      case IssuedThrough.APPLICATION_SIGNED_BY_EXPORTER:
        break;
    }
    if (!certificate.exporterSignatureCms || !certificate.issueDateTime) return 'NOT VALID: the signature is missing';
    const { result } = await this.signatures.verifyWithContext({
      owner: { type: KeyOwnerType.AUTHORITY, authorityId: certificate.issuingAuthorityId, code: certificate.issuingAuthorityCode },
      content: canonicalDeclaration(certificate.document),
      cmsDer: certificate.exporterSignatureCms,
      issueTime: certificate.issueDateTime,
    });
    const signer = result.signer ? ` by "${result.signer.subject}" (serial ${result.signer.serialNumber})` : '';
    const covered = !!certificate.signatureCms && coversExporterSignature(certificate.signatureCms, certificate.exporterSignatureCms);
    if (result.valid && covered) return `valid detached CMS over the declaration${signer}, covered by the authority's signature`;
    return `NOT VALID${signer}: ${[...result.reasons, ...(covered ? [] : ['NOT_COVERED_BY_AUTHORITY'])].join(', ')}`;
  }
}
