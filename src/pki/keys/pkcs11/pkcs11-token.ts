import { createHash, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as Pkcs11Js from 'pkcs11js';

/** Where the token is and how to log in (HUB_PKCS11_*). The PIN is never logged nor put in a message. */
export interface Pkcs11Settings {
  library: string;
  /** The slot id as the library numbers it (decimal). */
  slot?: string;
  tokenLabel?: string;
  pin?: string;
  pinFile?: string;
}

export class Pkcs11Failure extends Error {
  override readonly name = 'Pkcs11Failure';
}

// DigestInfo for SHA-256 (RFC 8017 9.2, note 1): CKM_RSA_PKCS signs it as given, so the content is
// hashed here and only 51 bytes go to the token, whatever the size of what is signed.
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');
// Sessions used at once: pkcs11js runs each asynchronous call on libuv's thread pool (4 threads by
// default), and a session holds one signing operation at a time.
const SESSIONS = 4;

/**
 * One PKCS#11 token, logged in as its user, through pkcs11js (loaded only here, on demand, so a hub
 * without HUB_PKCS11_LIBRARY never loads the native addon). Generation and signing use pkcs11js's
 * asynchronous calls, which run on libuv's thread pool: the event loop does not wait for the token.
 * Private keys are made with CKA_SENSITIVE and without CKA_EXTRACTABLE: the token never lets them out.
 */
export class Pkcs11Token {
  private readonly idle: Buffer[];
  private readonly waiting: Array<(session: Buffer) => void> = [];
  private readonly handles = new Map<string, Buffer>();

  private constructor(
    private readonly pkcs11: Pkcs11Js.PKCS11,
    private readonly lib: typeof Pkcs11Js,
    private readonly initializedHere: boolean,
    readonly label: string,
    sessions: Buffer[],
    // Searches and attribute reads are synchronous calls, done and over before any other code runs:
    // they share one session of their own, which never holds a signing operation.
    private readonly searchSession: Buffer,
  ) {
    this.idle = sessions;
  }

  static open(settings: Pkcs11Settings): Pkcs11Token {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native dependency, loaded only when configured
    const lib = require('pkcs11js') as typeof Pkcs11Js;
    const pkcs11 = new lib.PKCS11();
    try {
      pkcs11.load(settings.library);
    } catch (error) {
      throw new Pkcs11Failure(`cannot load the PKCS#11 library ${settings.library}: ${(error as Error).message}`);
    }
    let initializedHere = true;
    try {
      // The library's own locking: asynchronous calls run on several threads at once.
      pkcs11.C_Initialize({ flags: lib.CKF_OS_LOCKING_OK });
    } catch (error) {
      if (codeOf(error) !== lib.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw failure('C_Initialize', error);
      initializedHere = false;
    }
    try {
      const slot = findSlot(pkcs11, settings);
      const label = pkcs11.C_GetTokenInfo(slot).label.trim();
      const sessions = Array.from({ length: SESSIONS + 1 }, () => pkcs11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION));
      try {
        pkcs11.C_Login(sessions[0], lib.CKU_USER, readPin(settings));
      } catch (error) {
        if (codeOf(error) !== lib.CKR_USER_ALREADY_LOGGED_IN) throw failure('C_Login', error);
      }
      const searchSession = sessions.pop() as Buffer;
      return new Pkcs11Token(pkcs11, lib, initializedHere, label, sessions, searchSession);
    } catch (error) {
      if (initializedHere) pkcs11.C_Finalize();
      throw error instanceof Pkcs11Failure ? error : failure('opening the token', error);
    }
  }

  /** An RSA key pair made in the token, named by `id` (CKA_ID); its public key comes back, the private one stays. */
  async generateRsaKeyPair(id: Buffer, label: string, bits: number): Promise<KeyObject> {
    const { lib } = this;
    const common = [
      { type: lib.CKA_TOKEN, value: true },
      { type: lib.CKA_ID, value: id },
      { type: lib.CKA_LABEL, value: label },
    ];
    return this.withSession(async (session) => {
      const pair = await this.pkcs11
        .C_GenerateKeyPairAsync(
          session,
          { mechanism: lib.CKM_RSA_PKCS_KEY_PAIR_GEN },
          [...common, { type: lib.CKA_VERIFY, value: true }, { type: lib.CKA_MODULUS_BITS, value: bits }, { type: lib.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }],
          [
            ...common,
            { type: lib.CKA_PRIVATE, value: true },
            { type: lib.CKA_SIGN, value: true },
            { type: lib.CKA_SENSITIVE, value: true },
            { type: lib.CKA_EXTRACTABLE, value: false },
          ],
        )
        .catch((error: unknown) => {
          throw failure('C_GenerateKeyPair', error);
        });
      const [modulus, exponent] = this.pkcs11.C_GetAttributeValue(session, pair.publicKey, [{ type: lib.CKA_MODULUS }, { type: lib.CKA_PUBLIC_EXPONENT }]);
      this.handles.set(id.toString('hex'), pair.privateKey);
      return createPublicKey({ key: { kty: 'RSA', n: base64url(modulus.value as Buffer), e: base64url(exponent.value as Buffer) }, format: 'jwk' });
    });
  }

  /** Whether the token holds the private key `id` (and whether it is kept sensitive and unextractable). */
  describe(id: Buffer): { present: boolean; sensitive?: boolean; extractable?: boolean } {
    const handle = this.find(id);
    if (!handle) return { present: false };
    return this.now((session) => {
      const [sensitive, extractable] = this.pkcs11.C_GetAttributeValue(session, handle, [{ type: this.lib.CKA_SENSITIVE }, { type: this.lib.CKA_EXTRACTABLE }]);
      return { present: true, sensitive: (sensitive.value as Buffer)[0] === 1, extractable: (extractable.value as Buffer)[0] === 1 };
    });
  }

  /** Destroys both halves of the key pair `id` (a key generated for a row that was never stored). */
  destroy(id: Buffer): void {
    this.handles.delete(id.toString('hex'));
    this.now((session) => {
      this.pkcs11.C_FindObjectsInit(session, [{ type: this.lib.CKA_ID, value: id }]);
      let objects: Buffer[];
      try {
        objects = this.pkcs11.C_FindObjects(session, 8);
      } finally {
        this.pkcs11.C_FindObjectsFinal(session);
      }
      for (const object of objects) this.pkcs11.C_DestroyObject(session, object);
    });
  }

  /** RSASSA-PKCS1-v1_5 with SHA-256 of the bytes, by the private key `id`, in the token. */
  async signSha256(id: Buffer, bytes: Buffer): Promise<Buffer> {
    const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(bytes).digest()]);
    for (let attempt = 0; ; attempt++) {
      const key = this.find(id);
      if (!key) throw new Pkcs11Failure(`the token "${this.label}" holds no private key with id ${id.toString('hex')}`);
      try {
        return await this.withSession(async (session) => {
          this.pkcs11.C_SignInit(session, { mechanism: this.lib.CKM_RSA_PKCS }, key);
          return this.pkcs11.C_SignAsync(session, digestInfo, Buffer.alloc(1024));
        });
      } catch (error) {
        // A handle can go stale (the token was re-read, another process changed it): look it up again once.
        const code = codeOf(error);
        if (attempt === 0 && (code === this.lib.CKR_KEY_HANDLE_INVALID || code === this.lib.CKR_OBJECT_HANDLE_INVALID)) {
          this.handles.delete(id.toString('hex'));
          continue;
        }
        throw failure('C_Sign', error);
      }
    }
  }

  close(): void {
    for (const session of [...this.idle.splice(0), this.searchSession]) {
      try {
        this.pkcs11.C_CloseSession(session);
      } catch {
        // closing anyway
      }
    }
    if (this.initializedHere) this.pkcs11.C_Finalize();
  }

  // A key made by another process is found by its id: the library reads the token again on a search.
  private find(id: Buffer): Buffer | undefined {
    const name = id.toString('hex');
    const known = this.handles.get(name);
    if (known) return known;
    const found = this.now((session) => {
      this.pkcs11.C_FindObjectsInit(session, [
        { type: this.lib.CKA_CLASS, value: this.lib.CKO_PRIVATE_KEY },
        { type: this.lib.CKA_ID, value: id },
      ]);
      try {
        return this.pkcs11.C_FindObjects(session, 2);
      } finally {
        this.pkcs11.C_FindObjectsFinal(session);
      }
    });
    if (found.length !== 1) return undefined;
    this.handles.set(name, found[0]);
    return found[0];
  }

  private now<T>(use: (session: Buffer) => T): T {
    return use(this.searchSession);
  }

  private async withSession<T>(use: (session: Buffer) => Promise<T>): Promise<T> {
    const session = this.idle.pop() ?? (await new Promise<Buffer>((resolve) => this.waiting.push(resolve)));
    try {
      return await use(session);
    } finally {
      this.release(session);
    }
  }

  private release(session: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(session);
    else this.idle.push(session);
  }
}

function findSlot(pkcs11: Pkcs11Js.PKCS11, settings: Pkcs11Settings): Buffer {
  const slots = pkcs11.C_GetSlotList(true);
  const wanted = slots.filter((slot) => {
    if (settings.slot !== undefined && slot.readBigUInt64LE(0) !== BigInt(settings.slot)) return false;
    return settings.tokenLabel === undefined || pkcs11.C_GetTokenInfo(slot).label.trim() === settings.tokenLabel;
  });
  if (wanted.length === 0) {
    const asked = [settings.slot !== undefined ? `slot ${settings.slot}` : '', settings.tokenLabel !== undefined ? `token "${settings.tokenLabel}"` : ''].filter(Boolean).join(' with ');
    throw new Pkcs11Failure(`the PKCS#11 library shows no ${asked} (HUB_PKCS11_SLOT, HUB_PKCS11_TOKEN_LABEL); it has ${slots.length} slot(s) with a token`);
  }
  return wanted[0];
}

function readPin(settings: Pkcs11Settings): string {
  if (settings.pin !== undefined) return settings.pin;
  try {
    return readFileSync(settings.pinFile as string, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Pkcs11Failure(`cannot read HUB_PKCS11_PIN_FILE ${settings.pinFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function codeOf(error: unknown): number | undefined {
  return typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : undefined;
}

// The library's message names the function and the CKR_ code, never the PIN.
function failure(what: string, error: unknown): Pkcs11Failure {
  return new Pkcs11Failure(`${what} failed: ${(error as Error)?.message ?? String(error)}`);
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
