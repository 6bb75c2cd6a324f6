import { RequestError } from '../core/errors/request-error';
import type { Violation } from '../core/errors/violation';
import { normalizeDocument } from '../dataset/canonical';
import { validateCertificateShape } from '../dataset/validate-shape';

/**
 * The certificate data of an application, checked for the dataset's shape (every problem at once,
 * paths under `certificate`) and normalised as the hub stores every document (NFC text, HS codes of
 * six digits), so the declaration the exporter signs is the one the certificate will carry. The rules
 * run at submission, not here: a draft may still break them.
 */
export function checkedCertificateData(body: unknown, exporterPartyId: string): { document: Record<string, unknown>; exporterMismatch: boolean } {
  const shape = validateCertificateShape(body);
  const violations: Violation[] = shape.violations.map((v) => ({ ...v, path: v.path ? `certificate.${v.path}` : 'certificate' }));
  const document = shape.value ? normalizeDocument(JSON.parse(JSON.stringify(shape.value)) as Record<string, unknown>) : undefined;
  if (document && document.documentFunction !== 'ORIGINAL') {
    violations.push({ ruleId: 'APP-FN-001', severity: 'error', path: 'certificate.documentFunction', message: 'an application is for an ORIGINAL certificate' });
  }
  if (violations.some((v) => v.severity === 'error') || !document) throw RequestError.validation(violations);
  const exporter = document.exporter as { id?: unknown } | undefined;
  return { document, exporterMismatch: exporter?.id !== exporterPartyId };
}
