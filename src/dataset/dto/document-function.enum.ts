/** What a certificate document is (DESIGN.md section 4). */
export enum DocumentFunction {
  ORIGINAL = 'ORIGINAL',
  REPLACEMENT = 'REPLACEMENT',
  CANCELLATION = 'CANCELLATION',
  DUPLICATE = 'DUPLICATE',
}

/** UN/EDIFACT data element 1225 (message function code) for each document function. */
export const DOCUMENT_FUNCTION_EDIFACT_1225: Readonly<Record<DocumentFunction, string>> = {
  [DocumentFunction.ORIGINAL]: '9',
  [DocumentFunction.REPLACEMENT]: '5',
  [DocumentFunction.CANCELLATION]: '1',
  [DocumentFunction.DUPLICATE]: '7',
};

/** The document function of an EDIFACT 1225 code, or undefined when the dataset has no such function. */
export function documentFunctionFromEdifact1225(code: string): DocumentFunction | undefined {
  const entry = Object.entries(DOCUMENT_FUNCTION_EDIFACT_1225).find(([, value]) => value === code);
  return entry ? (entry[0] as DocumentFunction) : undefined;
}
