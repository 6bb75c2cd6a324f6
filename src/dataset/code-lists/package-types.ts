import { REC21_PACKAGE_TYPES } from './package-types.data';

export const PACKAGE_TYPE_NAMES: ReadonlyMap<string, string> = new Map(REC21_PACKAGE_TYPES);

export const PACKAGE_TYPE_CODES: ReadonlySet<string> = new Set(PACKAGE_TYPE_NAMES.keys());

export function isPackageTypeCode(v: string): boolean {
  return PACKAGE_TYPE_CODES.has(v);
}

export function packageTypeName(code: string): string | undefined {
  return PACKAGE_TYPE_NAMES.get(code);
}
