import { childPath } from './json-path';

/** Deeper JSON than this is refused before anything recursive (validators, canonicalisation) walks it. */
export const MAX_JSON_DEPTH = 64;
// At most this many unstorable strings are named; one is enough to refuse the body.
const MAX_NAMED = 20;

export enum JsonProblem {
  INVALID_UTF8 = 'INVALID_UTF8',
  TOO_DEEP = 'TOO_DEEP',
  DUPLICATE_KEY = 'DUPLICATE_KEY',
  SYNTAX = 'SYNTAX',
  EMPTY = 'EMPTY',
}

export type StrictJson =
  /** `unstorable`: paths of strings (keys or values) holding U+0000 or a lone surrogate, which PostgreSQL cannot store. */
  | { ok: true; value: unknown; unstorable: string[] }
  | { ok: false; problem: JsonProblem; path: string; message: string };

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** True when PostgreSQL can store the string as text or jsonb: no U+0000, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

interface Frame {
  array: boolean;
  index: number;
  // Keys seen so far: a short list (most objects have few keys), a set past SMALL_OBJECT keys.
  keys: string[] | Set<string> | null;
  key: string;
  expectingKey: boolean;
}

const SMALL_OBJECT = 16;

/** Whether the object of `frame` had `key` already; records it otherwise. */
function seen(frame: Frame, key: string): boolean {
  const keys = frame.keys;
  if (keys === null) {
    frame.keys = [key];
    return false;
  }
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return true;
    keys.push(key);
    if (keys.length > SMALL_OBJECT) frame.keys = new Set(keys);
    return false;
  }
  if (keys.has(key)) return true;
  keys.add(key);
  return false;
}

/** The JSON path of the value the frames stand at (`items[2].hsCode`), built only when one is named. */
function pathOf(stack: readonly Frame[], depth: number): string {
  let path = '';
  for (let i = 0; i < depth; i++) path = stack[i].array ? childPath(path, stack[i].index) : childPath(path, stack[i].key);
  return path;
}

/**
 * Reads untrusted JSON bytes as one reading only: UTF-8 decoded strictly (invalid sequences refused,
 * never replaced by U+FFFD), nesting bounded, duplicate keys refused (RFC 8259 section 4 leaves their
 * meaning open, so a document with two values for one field has no single reading to check), and the
 * strings PostgreSQL cannot store named. The scan is iterative and linear in the input, so depth is
 * checked before JSON.parse or any validator recurses.
 */
export function readStrictJson(input: Uint8Array | string, maxDepth = MAX_JSON_DEPTH): StrictJson {
  let text: string;
  // Text decoded strictly holds no lone surrogate: only an escape can bring one (or U+0000) in.
  const fromBytes = typeof input !== 'string';
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = fatalUtf8.decode(input);
    } catch {
      return { ok: false, problem: JsonProblem.INVALID_UTF8, path: '', message: 'its bytes are not valid UTF-8' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim().length === 0) return { ok: false, problem: JsonProblem.EMPTY, path: '', message: 'it is empty' };
  const stack: Frame[] = [];
  const unstorable: string[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its end, decoding it only when it holds an escape.
      let end = i + 1;
      let escaped = false;
      while (end < length) {
        const d = text.charCodeAt(end);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          end += 2;
        } else {
          end++;
        }
      }
      if (end >= length) return syntax();
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      const isKey = top !== undefined && !top.array && top.expectingKey;
      let value: string | undefined;
      if (escaped) {
        try {
          value = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return syntax();
        }
      } else if (isKey || !fromBytes) {
        value = text.slice(i + 1, end);
      }
      if (isKey) {
        const key = value as string;
        if (seen(top, key)) {
          top.key = key;
          const keyPath = pathOf(stack, stack.length);
          return { ok: false, problem: JsonProblem.DUPLICATE_KEY, path: keyPath, message: `${keyPath || 'a key'} appears twice in one object` };
        }
        top.key = key;
      }
      if (value !== undefined && (escaped || !fromBytes) && !isStorableText(value) && unstorable.length < MAX_NAMED) unstorable.push(pathOf(stack, stack.length));
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) {
        const path = pathOf(stack, stack.length);
        return { ok: false, problem: JsonProblem.TOO_DEEP, path, message: `it nests deeper than ${maxDepth} levels at ${path || 'the top'}` };
      }
      stack.push({ array: c === 0x5b, index: 0, keys: null, key: '', expectingKey: c === 0x7b });
    } else if (c === 0x7d || c === 0x5d) {
      if (stack.pop() === undefined) return syntax();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (!top) return syntax();
      if (top.array) top.index++;
      else top.expectingKey = true;
    } else if (c === 0x3a) {
      const top = stack[stack.length - 1];
      if (!top || top.array) return syntax();
      top.expectingKey = false;
    }
  }
  try {
    return { ok: true, value: JSON.parse(text), unstorable };
  } catch {
    return syntax();
  }
}

function syntax(): StrictJson {
  return { ok: false, problem: JsonProblem.SYNTAX, path: '', message: 'its syntax is not valid JSON' };
}

// U+0000 (built from a string: lint refuses a control character in a literal) or a lone surrogate.
const UNSTORABLE_CHARACTER = new RegExp(`${String.fromCharCode(0)}|${LONE_SURROGATE.source}`, 'g');

function escapeText(text: string): string {
  return text.replace(UNSTORABLE_CHARACTER, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy PostgreSQL can store of a JSON value read by readStrictJson (so at most MAX_JSON_DEPTH
 * deep): each U+0000 and lone surrogate, in keys and values, written as the six characters of its
 * JSON escape (`\u0000`). Kept beside the hash of the original bytes, which the copy cannot give back.
 */
export function escapeUnstorable(value: unknown): unknown {
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map(escapeUnstorable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [escapeText(key), escapeUnstorable(child)]));
  }
  return value;
}
