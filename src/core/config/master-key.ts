// HUB_MASTER_KEY encrypts what the hub keeps secret at rest (signing keys, partner credentials). Read
// here, once, so the environment check at start and every user decode it the same way. During a
// rotation HUB_MASTER_KEY_PREVIOUS holds the key being replaced, under the same rules
// (core/secrets/master-key-ring.ts).

const MIN_MASTER_KEY_BYTES = 32;
const masterKeyHelp = (name: string): string =>
  `${name} must hold at least 32 random bytes, written as 64 hex characters or 44 base64 characters ` +
  '(for example the output of `openssl rand -hex 32`)';

export type MasterKeyReading = { ok: true; bytes: Buffer } | { ok: false; problem: string };

// Decodes HUB_MASTER_KEY and refuses short or visibly patterned values. A string of hex digits is read
// as hex (and must have an even length), since it would also pass for base64; base64 must be padded.
export function readMasterKey(value: string | undefined, name = 'HUB_MASTER_KEY'): MasterKeyReading {
  const text = (value ?? '').trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]+$/.test(text)) bytes = text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) bytes = Buffer.from(text, 'base64');
  else if (/^[A-Za-z0-9_-]+$/.test(text)) bytes = Buffer.from(text, 'base64url');
  if (!bytes || bytes.length < MIN_MASTER_KEY_BYTES) return { ok: false, problem: `${masterKeyHelp(name)}; got ${bytes?.length ?? 0} bytes` };
  // 32 random bytes show about 30 distinct values; fewer than 16 means a pattern such as "0123...".
  if (new Set(bytes).size < 16) return { ok: false, problem: `${masterKeyHelp(name)}; this value is not random` };
  return { ok: true, bytes };
}

export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/** The master key's bytes, or a MasterKeyError saying what is wrong with it. */
export function assertMasterKey(value: string | undefined): Buffer {
  const reading = readMasterKey(value);
  if (!reading.ok) throw new MasterKeyError(reading.problem);
  return reading.bytes;
}
