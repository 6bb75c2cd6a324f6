import type { Violation } from '../../core/errors/violation';

const DECLARATION_FIELDS = ['statement', 'place', 'date', 'signatoryName'] as const;

/** A submission needs the exporter's declaration in full (statement, place, date, signatory). */
export function declarationViolations(document: Record<string, unknown>): Violation[] {
  const declaration = document.exporterDeclaration;
  if (typeof declaration !== 'object' || declaration === null) {
    return [{ ruleId: 'APP-DECL-001', severity: 'error', path: 'exporterDeclaration', message: 'the exporter declaration (statement, place, date, signatoryName) is required to submit' }];
  }
  const fields = declaration as Record<string, unknown>;
  return DECLARATION_FIELDS.filter((name) => typeof fields[name] !== 'string' || (fields[name] as string).trim() === '').map((name) => ({
    ruleId: 'APP-DECL-001',
    severity: 'error' as const,
    path: `exporterDeclaration.${name}`,
    message: `the declaration's ${name} is required to submit`,
  }));
}

/** Whether the exporter's signature still covers the declaration as it stands now. */
export function signatureStillCovers(signedHash: string | null, currentHash: string): boolean {
  return signedHash !== null && signedHash === currentHash;
}
