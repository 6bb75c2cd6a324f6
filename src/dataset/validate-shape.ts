import 'reflect-metadata';
import { CertificateDocumentDto } from './dto/certificate-document.dto';
import { IssuedCertificateDocumentDto } from './dto/issued-certificate-document.dto';
import { validateDtoShape, type ShapeResult } from '../core/validation/validate-dto-shape';

/**
 * Shape of a certificate create body (DESIGN.md section 4); `issuingAuthority`/`issueDateTime` are
 * unknown fields here. A valid body's value is the body itself, read as JSON (validateDtoShape's `asPlain`).
 */
export function validateCertificateShape(body: unknown): ShapeResult<CertificateDocumentDto> {
  return validateDtoShape(CertificateDocumentDto, body, undefined, true);
}

/** Shape of an issued certificate document (received from a partner, or checked again by a verification); the value as above. */
export function validateIssuedCertificateShape(body: unknown): ShapeResult<IssuedCertificateDocumentDto> {
  return validateDtoShape(IssuedCertificateDocumentDto, body, undefined, true);
}
