import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createPublicKey, KeyObject } from 'node:crypto';
import { RsaKeyBits } from '../../crypto/keys';
import { PkiError, PkiErrorCode } from '../../pki.error';
import { pkiConfig } from '../../pki.config';
import { assertSupportedAlgorithm, KeyHandle, KeySignatureAlgorithm } from '../key-handle';
import { GeneratedKey, KeyStore, KeyStoreColumns, KeyStoreKind, StoredKeyReference } from '../key-store.interface';
import { Pkcs11Failure, Pkcs11Token } from './pkcs11-token';

/** A private key in the token, named by its CKA_ID: signing sends the digest in and takes the signature out. */
class Pkcs11KeyHandle implements KeyHandle {
  constructor(
    private readonly token: Pkcs11Token,
    private readonly tokenKeyId: Buffer,
    readonly publicKey: KeyObject,
    private readonly keyId: string,
  ) {}

  async sign(bytes: Buffer, algorithm: KeySignatureAlgorithm): Promise<Buffer> {
    assertSupportedAlgorithm(algorithm);
    try {
      return await this.token.signSha256(this.tokenKeyId, bytes);
    } catch (error) {
      if (error instanceof Pkcs11Failure) throw unavailable(this.keyId, error.message);
      throw error;
    }
  }
}

function unavailable(keyId: string, why: string): PkiError {
  return new PkiError(PkiErrorCode.SIGNING_KEY_UNAVAILABLE, `Signing key ${keyId} cannot be used: ${why}`, { keyId });
}

/**
 * Keys in a PKCS#11 token (HUB_PKCS11_LIBRARY, the slot or token label, the PIN). The token is
 * opened when the process starts, so a wrong library, token or PIN stops it there, and the row of
 * a key holds only the token's label and the key's CKA_ID: generation, the CSR's signature and every
 * later signature happen in the token, which never lets the private key out.
 */
@Injectable()
export class Pkcs11KeyStore extends KeyStore implements OnApplicationBootstrap, OnModuleDestroy {
  readonly kind = KeyStoreKind.PKCS11;
  private readonly logger = new Logger('Pkcs11');
  private token?: Pkcs11Token;

  constructor(@Inject(pkiConfig.KEY) private readonly config: ConfigType<typeof pkiConfig>) {
    super();
  }

  get configured(): boolean {
    return this.config.pkcs11 !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.configured) return;
    const token = this.connect();
    this.logger.log(`Signing keys may be kept in the PKCS#11 token "${token.label}" (${this.config.pkcs11?.library})`);
  }

  onModuleDestroy(): void {
    this.token?.close();
    this.token = undefined;
  }

  assertAvailable(): void {
    if (!this.configured) {
      throw new PkiError(PkiErrorCode.PKCS11_NOT_CONFIGURED, 'No PKCS#11 token is configured (HUB_PKCS11_LIBRARY, HUB_PKCS11_TOKEN_LABEL or HUB_PKCS11_SLOT, HUB_PKCS11_PIN or HUB_PKCS11_PIN_FILE)');
    }
  }

  async generate(id: string, bits: RsaKeyBits): Promise<GeneratedKey> {
    this.assertAvailable();
    const token = this.connect();
    // The row's id is the key's CKA_ID in the token (16 bytes), and its label says whose it is.
    const tokenKeyId = Buffer.from(id.replace(/-/g, ''), 'hex');
    let publicKey: KeyObject;
    try {
      publicKey = await token.generateRsaKeyPair(tokenKeyId, `ecoo-hub ${id}`, bits);
    } catch (error) {
      if (error instanceof Pkcs11Failure) throw new PkiError(PkiErrorCode.SIGNING_KEY_UNAVAILABLE, `The PKCS#11 token could not generate the key: ${error.message}`);
      throw error;
    }
    return {
      handle: new Pkcs11KeyHandle(token, tokenKeyId, publicKey, id),
      publicKey,
      columns: { keyStore: KeyStoreKind.PKCS11, tokenLabel: token.label, tokenKeyId },
    };
  }

  async discard(columns: KeyStoreColumns): Promise<void> {
    if (columns.tokenKeyId) this.connect().destroy(columns.tokenKeyId);
  }

  async open(row: StoredKeyReference): Promise<KeyHandle> {
    if (!this.configured) throw unavailable(row.id, `it is kept in the PKCS#11 token "${row.tokenLabel}", and this process has no HUB_PKCS11_LIBRARY`);
    const token = this.connect();
    if (row.tokenLabel !== token.label) throw unavailable(row.id, `it is kept in the PKCS#11 token "${row.tokenLabel}", and this process is configured with "${token.label}"`);
    const tokenKeyId = row.tokenKeyId as Buffer;
    let present: boolean;
    try {
      present = token.describe(tokenKeyId).present;
    } catch (error) {
      if (error instanceof Error) throw unavailable(row.id, error.message);
      throw error;
    }
    if (!present) throw unavailable(row.id, `the PKCS#11 token "${token.label}" holds no private key with id ${tokenKeyId.toString('hex')}`);
    return new Pkcs11KeyHandle(token, tokenKeyId, createPublicKey({ key: row.publicKeySpki, format: 'der', type: 'spki' }), row.id);
  }

  /** The token's own account of a key: whether it holds it, sensitive and not extractable. */
  describe(tokenKeyId: Buffer): { present: boolean; sensitive?: boolean; extractable?: boolean } {
    this.assertAvailable();
    return this.connect().describe(tokenKeyId);
  }

  private connect(): Pkcs11Token {
    if (this.token) return this.token;
    try {
      this.token = Pkcs11Token.open(this.config.pkcs11 as NonNullable<typeof this.config.pkcs11>);
    } catch (error) {
      if (error instanceof Pkcs11Failure) throw new PkiError(PkiErrorCode.PKCS11_UNAVAILABLE, `The PKCS#11 token cannot be opened: ${error.message}`);
      throw error;
    }
    return this.token;
  }
}
