const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The JSON path of `key` under `parent`: `items[2]`, `exporter.address`, `["odd key"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number' || /^(0|[1-9][0-9]*)$/.test(key)) return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}
