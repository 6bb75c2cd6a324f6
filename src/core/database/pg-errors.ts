import { QueryFailedError } from 'typeorm';

/** True when the database refused a row for a unique constraint (optionally a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** What may be logged of a database error: never its parameters, its statement's values or its detail. */
export interface DatabaseErrorSummary {
  type: 'DatabaseError';
  /** The statement's first verb and table (`INSERT INTO quarantined_envelopes`), never its values. */
  purpose?: string;
  /** The SQLSTATE (`23505`, `22P05`). */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

// The verb and the table of a statement: enough to know what the hub was doing.
const PURPOSE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT\b[\s\S]*?\bFROM|ALTER\s+TABLE|CREATE\s+\w+|DROP\s+\w+|LOCK\s+TABLE|TRUNCATE)\s+("?[A-Za-z_][\w.]*"?)/i;

function statementPurpose(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  const match = PURPOSE.exec(query.slice(0, 2000));
  if (!match) return query.trim().split(/\s+/)[0]?.slice(0, 20).toUpperCase();
  const verb = match[1].replace(/\s+/g, ' ').toUpperCase();
  return `${verb.startsWith('SELECT') ? 'SELECT FROM' : verb} ${match[2].replace(/"/g, '')}`;
}

interface DriverErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  severity?: unknown;
  routine?: unknown;
}

function isDriverError(error: unknown): error is Error & DriverErrorFields {
  // node-postgres' DatabaseError (PGlite's has the same fields): a SQLSTATE and the server's routine.
  const fields = error as DriverErrorFields | null;
  return error instanceof Error && typeof fields?.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && (typeof fields.severity === 'string' || typeof fields.routine === 'string');
}

/**
 * A database error as it may be logged (TypeORM's QueryFailedError, or the driver's own error), or
 * undefined for any other error. Parameters hold secret hashes, encrypted keys and whole documents,
 * and a driver's detail quotes the values of the row, so neither is kept.
 */
export function describeDatabaseError(error: unknown): DatabaseErrorSummary | undefined {
  const driver = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (!(error instanceof QueryFailedError) && !isDriverError(driver)) return undefined;
  const fields = (driver ?? {}) as DriverErrorFields;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value.slice(0, 120) : undefined);
  const summary: DatabaseErrorSummary = { type: 'DatabaseError' };
  const purpose = statementPurpose(error instanceof QueryFailedError ? error.query : undefined);
  if (purpose) summary.purpose = purpose;
  for (const key of ['code', 'constraint', 'table', 'column'] as const) {
    const value = text(fields[key]);
    if (value) summary[key] = value;
  }
  return summary;
}

/** An error's message for a log line, with a database error reduced to its summary. */
export function loggableMessage(error: unknown): string {
  const summary = describeDatabaseError(error);
  if (!summary) return error instanceof Error ? error.message : String(error);
  return `database error ${summary.code ?? ''}${summary.constraint ? ` on ${summary.constraint}` : ''}${summary.purpose ? ` (${summary.purpose})` : ''}`.replace(/\s+/g, ' ').trim();
}
