import 'reflect-metadata';
import { CertificateDocumentDto } from './dto/certificate-document.dto';
import { IssuedCertificateDocumentDto } from './dto/issued-certificate-document.dto';
import { validateDtoShape, type ShapeResult } from '../core/validation/validate-dto-shape';

/** Shape of a certificate create body (DESIGN.md section 4); `issuingAuthority`/`issueDateTime` are unknown fields here. */
export function validateCertificateShape(body: unknown): ShapeResult<CertificateDocumentDto> {
  return validateDtoShape(CertificateDocumentDto, body);
}

/** Shape of an issued certificate document (received from a partner, or re-checked before signing). */
export function validateIssuedCertificateShape(body: unknown): ShapeResult<IssuedCertificateDocumentDto> {
  return validateDtoShape(IssuedCertificateDocumentDto, body);
}
