import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './run-cli';

export const SOFTHSM_LIBRARY = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((path) => existsSync(path)) ?? '/usr/lib/softhsm/libsofthsm2.so';

/**
 * A SoftHSM2 token of its own in a temporary directory (its own configuration and token directory,
 * named by SOFTHSM2_CONF), initialised as an operator would with softhsm2-util, and the environment
 * that points the hub at it (the PIN in a file, as in production).
 */
export class SoftHsmToken {
  readonly dir: string;
  readonly conf: string;
  readonly pinFile: string;

  private constructor(
    readonly label: string,
    readonly pin: string,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'ecoo-softhsm-'));
    mkdirSync(join(this.dir, 'tokens'));
    this.conf = join(this.dir, 'softhsm2.conf');
    writeFileSync(this.conf, `directories.tokendir = ${join(this.dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    this.pinFile = join(this.dir, 'pin');
    writeFileSync(this.pinFile, `${pin}\n`, { mode: 0o600 });
  }

  static create(label: string, pin = '5218-4471'): SoftHsmToken {
    const token = new SoftHsmToken(label, pin);
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '9034-1187'], { env: { ...process.env, SOFTHSM2_CONF: token.conf }, stdio: 'pipe' });
    return token;
  }

  /** The hub's environment for this token. */
  get env(): Record<string, string> {
    return { SOFTHSM2_CONF: this.conf, HUB_PKCS11_LIBRARY: SOFTHSM_LIBRARY, HUB_PKCS11_TOKEN_LABEL: this.label, HUB_PKCS11_PIN_FILE: this.pinFile };
  }

  /**
   * What the token itself says of a private key (by CKA_ID, hex), asked by another process through
   * the hub's built Pkcs11Token (SoftHSM2 reads SOFTHSM2_CONF from the real environment, which a jest
   * sandbox does not change).
   */
  describeKey(idHex: string): { present: boolean; sensitive?: boolean; extractable?: boolean } {
    const module = resolve(PROJECT_ROOT, 'dist/pki/keys/pkcs11/pkcs11-token.js');
    const settings = { library: SOFTHSM_LIBRARY, tokenLabel: this.label, pinFile: this.pinFile };
    const script = `const { Pkcs11Token } = require(${JSON.stringify(module)});
const token = Pkcs11Token.open(${JSON.stringify(settings)});
process.stdout.write(JSON.stringify(token.describe(Buffer.from(${JSON.stringify(idHex)}, 'hex'))));
token.close();`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, SOFTHSM2_CONF: this.conf }, encoding: 'utf8' }));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
