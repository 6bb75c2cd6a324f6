export * from './countries';
export * from './currencies';
export * from './locode';
export * from './package-types';
export * from './transport-modes';
export * from './units';
