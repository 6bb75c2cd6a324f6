import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { KeyObject, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { createDevCa, createDevSigningKey } from '../../pki/crypto/dev-pki';
import { publicKeyMatches, parseCertificate } from '../../pki/crypto/x509';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';

/** The node's envelope signing key: an RSA private key and the certificate partners register for this node. */
export interface NodeSigningKey {
  privateKey: KeyObject;
  certificatePem: string;
  /** SHA-256 of the certificate's DER, hex: the envelope signature's keyId. */
  keyId: string;
}

/**
 * Where the node key comes from. This is the seam for the pki module (issue 3): once it stores the
 * hub NODE's signing key (encrypted, with its status), provide its implementation in place of
 * ConfiguredNodeKeySource (OutboxModule: `{ provide: NodeKeySource, useExisting: ... }`). The outbox
 * passes its transaction's manager, so that implementation can read the key's status there (a
 * retired key stops signing at once, DESIGN.md section 7); without one it reads outside any.
 */
export abstract class NodeKeySource {
  abstract current(manager?: EntityManager): Promise<NodeSigningKey>;
}

/**
 * Until then: the PEM files HUB_NODE_KEY_FILE and HUB_NODE_CERT_FILE; without them, a development
 * key made at start, which lives as long as the process (partners cannot keep trusting it, so a
 * warning says so). Loaded once and kept as a KeyObject (a PEM parse per signature costs 3x).
 */
@Injectable()
export class ConfiguredNodeKeySource extends NodeKeySource implements OnApplicationBootstrap {
  private readonly logger = new Logger('NodeKey');
  private loading?: Promise<NodeSigningKey>;

  constructor(@Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>) {
    super();
  }

  // Loaded at start: a bad key file stops the process there, and no issuing transaction waits on a key being made.
  async onApplicationBootstrap(): Promise<void> {
    await this.current();
  }

  current(): Promise<NodeSigningKey> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<NodeSigningKey> {
    if (!this.config.nodeKeyFile || !this.config.nodeCertFile) return this.developmentKey();
    try {
      const [keyPem, certPem] = await Promise.all([readFile(this.config.nodeKeyFile, 'utf8'), readFile(this.config.nodeCertFile, 'utf8')]);
      const privateKey = createPrivateKey(keyPem);
      const certificate = parseCertificate(certPem);
      if (privateKey.asymmetricKeyType !== 'rsa' || !publicKeyMatches(certificate.der, privateKey)) {
        throw new Error('the node key is not an RSA key matching the node certificate');
      }
      return { privateKey, certificatePem: certificate.native.toString(), keyId: certificate.fingerprintSha256 };
    } catch (error) {
      throw new ExchangeError(ExchangeErrorCode.NODE_KEY_UNAVAILABLE, `The node key cannot be loaded: ${(error as Error).message}`);
    }
  }

  private developmentKey(): NodeSigningKey {
    this.logger.warn('HUB_NODE_KEY_FILE is not set: envelopes are signed with a development node key that lasts as long as this process');
    const now = new Date();
    const ca = createDevCa({ commonName: 'e-CoO hub development node CA', validDays: 30, keyBits: 2048 });
    const key = createDevSigningKey({ ca, subject: { CN: 'e-CoO hub development node' }, validFrom: now, validTo: new Date(now.getTime() + 30 * 86_400_000), keyBits: 2048 });
    return { privateKey: key.privateKey, certificatePem: key.certPem, keyId: parseCertificate(key.certDer).fingerprintSha256 };
  }
}
