/** A leaf value of a certificate document, as the format adapters move it. */
export type LeafValue = string | number | boolean;

export interface Leaf {
  /** The concrete path, as rule violations name it: `items[2].grossWeight.value`. */
  path: string;
  value: LeafValue;
}

/** `items[2].grossWeight.value` -> `items[].grossWeight.value`: the field a concrete path is an instance of. */
export function fieldOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** The array indexes of a concrete path, outermost first: `items[2].x` -> [2]. */
export function indexesOf(path: string): number[] {
  return [...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

/** Every leaf of a document, in document order. */
export function leavesOf(value: unknown, prefix = ''): Leaf[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [{ path: prefix, value }];
  if (Array.isArray(value)) return value.flatMap((element, index) => leavesOf(element, `${prefix}[${index}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leavesOf(child, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}

type Step = string | number;

function stepsOf(path: string): Step[] {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new RangeError(`not a dataset path: ${path}`);
    if (match[1]) steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Sets a leaf at a concrete path, making the objects and arrays on the way. Returns false (and
 * changes nothing) for a path that would go through a value of another kind or name a prototype key:
 * the path may come from a document received from outside.
 */
export function setLeaf(target: Record<string, unknown>, path: string, value: LeafValue, maxIndex = 9_999): boolean {
  let steps: Step[];
  try {
    steps = stepsOf(path);
  } catch {
    return false;
  }
  if (steps.length === 0 || typeof steps[0] !== 'string') return false;
  if (steps.some((step) => (typeof step === 'string' && FORBIDDEN_KEYS.has(step)) || (typeof step === 'number' && step > maxIndex))) return false;
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i];
    const wantArray = typeof steps[i + 1] === 'number';
    let next = node[step];
    if (next === undefined) {
      next = wantArray ? [] : {};
      node[step] = next;
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next) !== wantArray) return false;
    node = next as Record<string | number, unknown>;
  }
  const last = steps[steps.length - 1];
  if (node[last] !== undefined && typeof node[last] === 'object') return false;
  node[last] = value;
  return true;
}

/** Drops the holes a sparse array got from setLeaf, keeping order (items[3] set before items[0]...). */
export function compactArrays<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((element) => element !== undefined).map((element) => compactArrays(element)) as T;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) (value as Record<string, unknown>)[key] = compactArrays(child);
  }
  return value;
}
