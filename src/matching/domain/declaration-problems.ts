import type { Violation } from '../../core/errors/violation';
import { isWcoUcr } from '../../dataset/rules/ucr-format.rule';

/** The fields the rules below read, as the shape check leaves them. */
export interface DeclarationInput {
  declarationDate: string;
  ucr?: string;
  certificateNumber?: string;
  issuingAuthority?: string;
  agreement?: string;
  lines: { lineNumber: number; preferenceClaimed: boolean }[];
}

export const UCR_MESSAGE = 'a UCR is a year digit, an ISO country code, the trader id, "-" and a reference: upper case, at most 35 characters, no "/" or ":"';

const error = (ruleId: string, path: string, message: string): Violation => ({ ruleId, severity: 'error', path, message });

/**
 * What makes a well-shaped declaration unusable, every problem at once: no key to match by, a
 * malformed UCR (the certificate rule CO-UCR-001), preference without an agreement or under one the
 * hub does not know, a date in the future (`today` is the UTC date now), a line number given twice.
 */
export function declarationProblems(input: DeclarationInput, context: { today: string; knownAgreements: ReadonlySet<string> }): Violation[] {
  const problems: Violation[] = [];
  if (input.ucr === undefined && input.certificateNumber === undefined) {
    problems.push(error('MATCH-KEY-001', 'ucr', 'give the UCR or the certificate number (or both): they are what the declaration is matched by'));
  }
  if (input.issuingAuthority !== undefined && input.certificateNumber === undefined) {
    problems.push(error('MATCH-KEY-002', 'issuingAuthority', 'an issuing authority only narrows a certificate number: give certificateNumber too'));
  }
  if (input.ucr !== undefined && !isWcoUcr(input.ucr)) problems.push(error('CO-UCR-001', 'ucr', UCR_MESSAGE));
  if (input.agreement === undefined && input.lines.some((l) => l.preferenceClaimed)) {
    problems.push(error('MATCH-PREF-001', 'agreement', 'a line claims preference: name the agreement it is claimed under'));
  }
  if (input.agreement !== undefined && !context.knownAgreements.has(input.agreement)) {
    problems.push(error('MATCH-PREF-002', 'agreement', `${input.agreement} is not an agreement this hub knows`));
  }
  if (input.declarationDate > context.today) {
    problems.push(error('MATCH-DATE-001', 'declarationDate', `a declaration cannot be dated after today (${context.today})`));
  }
  const seen = new Set<number>();
  input.lines.forEach((line, i) => {
    if (seen.has(line.lineNumber)) problems.push(error('MATCH-LINE-001', `lines[${i}].lineNumber`, `line ${line.lineNumber} is given twice`));
    seen.add(line.lineNumber);
  });
  return problems;
}
