/** The strength the operator's credentials need under NODE_ENV=production. */
export const MIN_TOKEN_BITS = 128;

// Words people build secrets from: a token made of them is guessed long before its length says. The
// messages never quote the token or the word found in it: they end up in logs.
const COMMON_WORDS = [
  'password', 'passwd', 'passphrase', 'secret', 'admin', 'administrator', 'operator', 'token', 'changeme', 'change', 'letmein', 'welcome',
  'qwerty', 'qwertz', 'azerty', 'asdf', 'zxcv', 'default', 'example', 'sample', 'test', 'testing', 'demo', 'hub', 'ecoo', 'root', 'master',
  'login', 'user', 'guest', 'hello', 'dragon', 'monkey', 'sunshine', 'iloveyou', 'football', 'shadow', 'superman', 'princess', 'access',
  'private', 'production', 'prod', 'staging', 'server', 'bearer', 'metrics', 'scraper', 'customs', 'certificate', 'origin', 'trade', 'key',
  'abc', 'xyz', 'dev', 'api', 'ops',
].sort((a, b) => b.length - a.length);

interface CharacterClass {
  size: number;
  test: (c: string) => boolean;
}

const CLASSES: CharacterClass[] = [
  { size: 26, test: (c) => c >= 'a' && c <= 'z' },
  { size: 26, test: (c) => c >= 'A' && c <= 'Z' },
  { size: 10, test: (c) => c >= '0' && c <= '9' },
  { size: 33, test: (c) => c >= ' ' && c <= '~' && !/[A-Za-z0-9]/.test(c) },
  // Anything beyond ASCII: counted generously, since it is rare in tokens and hard to estimate.
  { size: 100, test: (c) => c > '~' },
];

export interface TokenStrength {
  /** length x log2(size of the character classes used), the estimate the README states. */
  bits: number;
  /** The same after a repeated unit, runs (aaaa, abcd, 9876) and common words count as one character each. */
  patternBits: number;
  /** What made patternBits smaller, described without quoting the token. */
  patterns: string[];
}

function poolSize(chars: string[]): number {
  return CLASSES.filter((c) => chars.some((ch) => c.test(ch))).reduce((sum, c) => sum + c.size, 0);
}

/** The shortest unit the whole token repeats, when it repeats one at least twice. */
function repeatedUnit(chars: string[]): string[] | undefined {
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((c, i) => i < period || c === chars[i - period])) return chars.slice(0, period);
  }
  return undefined;
}

/** Length of the run starting at i whose characters step by one constant (-2..2), if 3 or more. */
function runLength(chars: string[], i: number): number {
  if (i + 2 >= chars.length) return 0;
  const step = chars[i + 1].codePointAt(0)! - chars[i].codePointAt(0)!;
  if (Math.abs(step) > 2) return 0;
  let end = i + 1;
  while (end + 1 < chars.length && chars[end + 1].codePointAt(0)! - chars[end].codePointAt(0)! === step) end++;
  return end - i + 1 >= 3 ? end - i + 1 : 0;
}

function wordAt(chars: string[], i: number): string | undefined {
  const rest = chars.slice(i, i + 16).join('').toLowerCase();
  return COMMON_WORDS.find((w) => rest.startsWith(w));
}

/** Estimates a token's strength: plainly from its length and character classes, and again after its patterns. */
export function tokenStrength(token: string): TokenStrength {
  const chars = [...token];
  const perChar = chars.length > 0 ? Math.log2(poolSize(chars)) : 0;
  const patterns: string[] = [];
  let scanned = chars;
  const unit = repeatedUnit(chars);
  if (unit) {
    patterns.push(`it repeats one unit of ${unit.length} character${unit.length === 1 ? '' : 's'}`);
    scanned = unit;
  }
  let count = 0;
  for (let i = 0; i < scanned.length; count++) {
    const word = wordAt(scanned, i);
    const run = runLength(scanned, i);
    if (word && word.length >= run) {
      patterns.push('a common word');
      i += word.length;
    } else if (run > 0) {
      patterns.push('a run such as aaaa, abcd or 9876');
      i += run;
    } else {
      i += 1;
    }
  }
  return { bits: chars.length * perChar, patternBits: count * perChar, patterns };
}

/** Why a token is too weak for production, or undefined when it is strong enough. */
export function tokenWeakness(name: string, token: string): string | undefined {
  const strength = tokenStrength(token);
  if (strength.bits < MIN_TOKEN_BITS) {
    return `${name} is too weak for production: about ${Math.floor(strength.bits)} bits (its length times log2 of the size of the character classes it uses), at least ${MIN_TOKEN_BITS} needed; use e.g. openssl rand -base64 32`;
  }
  if (strength.patternBits < MIN_TOKEN_BITS) {
    const shown = [...new Set(strength.patterns)].slice(0, 3).join(', ');
    return `${name} is too weak for production: it is a word or a run of one pattern (${shown}), about ${Math.floor(strength.patternBits)} bits once those count as one character each, at least ${MIN_TOKEN_BITS} needed; use e.g. openssl rand -base64 32`;
  }
  return undefined;
}
