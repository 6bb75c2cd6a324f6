import { Injectable } from '@nestjs/common';
import { Principal, principalLabel } from '../core/auth/principal';
import { canonicalDeclaration } from '../dataset/exporter-declaration';
import { CertificateError, CertificateErrorCode } from './certificate.error';
import { CertificateQueriesService } from './certificate-queries.service';
import { CertificateStatus } from './domain/certificate-status';
import { CertificateEntity } from './entities/certificate.entity';
import { CertificateRenditionsService, Rendition } from './renditions/certificate-renditions.service';
import { RenditionFormat, renditionFormatOf } from '../dataset/formats/rendition-format';

export interface SignedPart {
  bytes: Buffer;
  // For a download file name: number and copy.
  name: string;
}

/** The signed bytes of a certificate and its signature, visible exactly as the certificate is. */
@Injectable()
export class CertificateSignatureService {
  constructor(
    private readonly queries: CertificateQueriesService,
    private readonly renditions: CertificateRenditionsService,
  ) {}

  /** The certificate in another format (`format` as the query names it), made and signed at the first request. */
  async rendition(principal: Principal, id: string, format: string): Promise<Rendition & { name: string }> {
    const wanted = parseFormat(format);
    const certificate = await this.issued(principal, id);
    return { ...(await this.renditions.obtain(certificate, wanted, principalLabel(principal))), name: fileName(certificate) };
  }

  async document(principal: Principal, id: string): Promise<SignedPart> {
    const certificate = await this.issued(principal, id);
    return { bytes: certificate.canonicalDocument as Buffer, name: fileName(certificate) };
  }

  async signature(principal: Principal, id: string): Promise<SignedPart> {
    const certificate = await this.issued(principal, id);
    if (!certificate.signatureCms) {
      throw new CertificateError(CertificateErrorCode.SIGNATURE_NOT_FOUND, `Certificate ${certificate.certificateNumber} was issued without a signature`);
    }
    return { bytes: certificate.signatureCms, name: fileName(certificate) };
  }

  /** The exporter's detached CMS over its declaration, for a certificate issued on a signed application. */
  async exporterSignature(principal: Principal, id: string): Promise<SignedPart> {
    const certificate = await this.issued(principal, id);
    if (!certificate.exporterSignatureCms) {
      throw new CertificateError(CertificateErrorCode.SIGNATURE_NOT_FOUND, `Certificate ${certificate.certificateNumber} carries no exporter signature (it was made ${certificate.issuedThrough})`);
    }
    return { bytes: certificate.exporterSignatureCms, name: `${fileName(certificate)}-exporter` };
  }

  /** The canonical declaration read from the issued document: the content the exporter's signature covers. */
  async exporterDeclaration(principal: Principal, id: string): Promise<SignedPart> {
    const certificate = await this.issued(principal, id);
    return { bytes: canonicalDeclaration(certificate.document), name: `${fileName(certificate)}-declaration` };
  }

  private async issued(principal: Principal, id: string): Promise<CertificateEntity> {
    const certificate = await this.queries.openForRead(principal, id);
    if (certificate.status === CertificateStatus.DRAFT || !certificate.canonicalDocument) {
      throw new CertificateError(CertificateErrorCode.CERTIFICATE_NOT_ISSUED, `Certificate ${certificate.certificateNumber} is a draft: nothing is signed yet`, {
        currentStatus: certificate.status,
      });
    }
    return certificate;
  }
}

function parseFormat(format: string): RenditionFormat {
  const wanted = renditionFormatOf(format);
  if (!wanted) {
    throw new CertificateError(CertificateErrorCode.UNKNOWN_FORMAT, `format must be one of ${Object.values(RenditionFormat).join(', ')} (without it: the signed record)`, { format });
  }
  return wanted;
}

function fileName(certificate: CertificateEntity): string {
  const safe = certificate.certificateNumber.replace(/[^A-Za-z0-9._-]/g, '_');
  return certificate.copyNumber > 0 ? `${safe}-copy${certificate.copyNumber}` : safe;
}
