import { HS_CODE } from '../validators/patterns';

/** `0810.60` -> `081060`; anything else is returned as given (shape validation reports it). */
export function normalizeHsCode(code: string): string {
  return HS_CODE.test(code) ? code.replace('.', '') : code;
}

/** The two-digit chapter of an HS code (`081060` -> `08`). */
export function hsChapter(code: string): string {
  return normalizeHsCode(code).slice(0, 2);
}
