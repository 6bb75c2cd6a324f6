import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { hubConfig } from '../../core/config/hub.config';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createDevCa, createDevSigningKey } from '../../pki/crypto/dev-pki';
import { publicKeyMatches, parseCertificate } from '../../pki/crypto/x509';
import { SoftwareKeyHandle } from '../../pki/keys/key-handle';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { NodeKeySource, NodeSigningKey } from './node-key-source';

/**
 * The node key when none is stored: the PEM files HUB_NODE_KEY_FILE and HUB_NODE_CERT_FILE; without
 * them, a development key made once per process, which lives as long as the process (partners
 * cannot keep trusting it, so a warning says so), where development keys are allowed; elsewhere
 * (NODE_ENV=production without HUB_ALLOW_DEV_KEYS) none, NODE_KEY_UNAVAILABLE, and deliveries wait
 * PENDING until a node key is stored or configured. Loaded once and kept as a KeyObject (a PEM parse
 * per signature costs 3x).
 */
@Injectable()
export class ConfiguredNodeKeySource extends NodeKeySource {
  private readonly logger = new Logger('NodeKey');
  private loading?: Promise<NodeSigningKey>;

  constructor(
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
    @Inject(hubConfig.KEY) private readonly hub: Pick<ConfigType<typeof hubConfig>, 'devKeysAllowed'>,
  ) {
    super();
  }

  /** Whether the operator pointed the hub at key files (a bad file must stop the process at start). */
  get filesConfigured(): boolean {
    return Boolean(this.config.nodeKeyFile && this.config.nodeCertFile);
  }

  current(): Promise<NodeSigningKey> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<NodeSigningKey> {
    if (!this.config.nodeKeyFile || !this.config.nodeCertFile) {
      if (this.hub.devKeysAllowed) return this.developmentKey();
      throw new ExchangeError(
        ExchangeErrorCode.NODE_KEY_UNAVAILABLE,
        'No node key: none is stored (POST /v1/pki/keys with node: true) nor configured (HUB_NODE_KEY_FILE, HUB_NODE_CERT_FILE), and development keys are refused under NODE_ENV=production',
      );
    }
    try {
      const [keyPem, certPem] = await Promise.all([readFile(this.config.nodeKeyFile, 'utf8'), readFile(this.config.nodeCertFile, 'utf8')]);
      const privateKey = createPrivateKey(keyPem);
      const certificate = parseCertificate(certPem);
      if (privateKey.asymmetricKeyType !== 'rsa' || !publicKeyMatches(certificate.der, privateKey)) {
        throw new Error('the node key is not an RSA key matching the node certificate');
      }
      return { key: new SoftwareKeyHandle(privateKey), certificatePem: certificate.native.toString(), keyId: certificate.fingerprintSha256 };
    } catch (error) {
      throw new ExchangeError(ExchangeErrorCode.NODE_KEY_UNAVAILABLE, `The node key cannot be loaded: ${(error as Error).message}`);
    }
  }

  private developmentKey(): NodeSigningKey {
    this.logger.warn(
      'No ACTIVE node key is stored (POST /v1/pki/keys with node: true) and HUB_NODE_KEY_FILE is not set: envelopes are signed with a development node key that lasts as long as this process',
    );
    const now = new Date();
    const ca = createDevCa({ commonName: 'e-CoO hub development node CA', validDays: 30, keyBits: 2048 });
    const key = createDevSigningKey({ ca, subject: { CN: 'e-CoO hub development node' }, validFrom: now, validTo: new Date(now.getTime() + 30 * 86_400_000), keyBits: 2048 });
    return { key: new SoftwareKeyHandle(key.privateKey), certificatePem: key.certPem, keyId: parseCertificate(key.certDer).fingerprintSha256 };
  }
}
