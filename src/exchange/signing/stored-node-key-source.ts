import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { NODE_OWNER } from '../../pki/domain/key-owner';
import { ActiveKeys } from '../../pki/signing/active-keys';
import { Clock } from '../../core/clock/clock';
import { derToPem, fingerprintSha256 } from '../../pki/crypto/x509';
import { KeyStores } from '../../pki/keys/key-stores';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { ConfiguredNodeKeySource } from './configured-node-key-source';
import { NodeKeySource, NodeSigningKey } from './node-key-source';
import { loggableMessage } from '../../core/database/pg-errors';

interface ActiveNodeKeyRow {
  id: string;
  not_before: Date | null;
  not_after: Date | null;
}

type UsableRow = { row: ActiveNodeKeyRow; reason?: undefined } | { row?: undefined; reason: string };

/**
 * The hub NODE's ACTIVE key in the pki store (signing_keys, owner NODE, sealed under HUB_MASTER_KEY
 * or kept in a PKCS#11 token), shared by every process of the hub. Its status is read in the caller's
 * transaction FOR SHARE, as ActiveKeySigner does: a retirement or revocation committed before it
 * stops the key at once in every process, and one racing it waits for this commit. The opened key
 * is kept per key id (its material never changes once active), never its status.
 *
 * Without a usable stored key (none registered, retired, revoked, or outside its certificate's
 * validity) envelopes are signed with the configured files, else the development key where those
 * are allowed; with neither, the outbox keeps its deliveries PENDING unsigned until there is one. That is
 * deliberate: the envelope is signed in the certificate's own transaction, and an operator retiring
 * the node key does not expect certificates to stop being issued. Partners that only trust the
 * retired key refuse what follows (422, FAILED); once they hold the new certificate, an operator
 * redelivery re-signs those envelopes with the node's current key (domain/envelope-refresh.ts).
 */
@Injectable()
export class StoredNodeKeySource extends NodeKeySource implements OnApplicationBootstrap {
  private readonly logger = new Logger('NodeKey');
  private readonly loaded = new Map<string, Promise<NodeSigningKey>>();
  private inUse?: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeyStores,
    private readonly fallback: ConfiguredNodeKeySource,
    private readonly clock: Clock,
    private readonly active: ActiveKeys,
  ) {
    super();
  }

  // At start: a bad key file stops the process here, and without a stored key the fallback is
  // made before the first issue waits on it. No node key at all (none stored or configured, and
  // development keys refused) does not stop the process, nor does a stored key that cannot be opened
  // (HUB_MASTER_KEY missing or changed): deliveries wait PENDING with NODE_KEY_UNAVAILABLE until
  // there is one, and every other use of the key answers 503 NODE_KEY_UNAVAILABLE.
  async onApplicationBootstrap(): Promise<void> {
    if (this.fallback.filesConfigured) await this.fallback.current();
    await this.current().catch((error: unknown) => this.logger.warn(`${loggableMessage(error)}: deliveries wait PENDING until a node key is stored or configured`));
  }

  async current(context?: EntityManager | Tx): Promise<NodeSigningKey> {
    const tx = context === undefined || context instanceof EntityManager ? undefined : context;
    const manager = tx ? tx.manager : (context as EntityManager | undefined);
    const stored = tx ? await this.keptRow(tx) : await this.usableRow(manager ?? this.dataSource.manager, manager !== undefined);
    if (!stored.row) {
      const key = await this.fallback.current();
      this.note(`configured ${stored.reason}`, `${stored.reason}: envelopes are signed with ${this.fallback.filesConfigured ? 'HUB_NODE_KEY_FILE' : 'the development key'} (${key.keyId})`);
      return key;
    }
    const key = await this.load(manager ?? this.dataSource.manager, stored.row.id);
    this.note(stored.row.id, `Envelopes are signed with the stored node key ${stored.row.id} (${key.keyId})`);
    return key;
  }

  /**
   * In a unit of work: the stored key this process keeps (pki's ActiveKeys), its status a condition of
   * the change's write; a key retired meanwhile fails that write and the change runs again, reading
   * afresh (then the configured key signs, as below).
   */
  private async keptRow(tx: Tx): Promise<UsableRow> {
    const usable = this.usable(await this.active.of(tx, NODE_OWNER));
    if (usable.row) {
      const id = usable.row.id;
      const now = this.clock.now();
      this.active.requireInForce(tx, NODE_OWNER, id, now, () => new ExchangeError(ExchangeErrorCode.NODE_KEY_UNAVAILABLE, `The stored node key ${id} was retired or revoked while it signed: nothing was stored`));
    }
    return usable;
  }

  private async usableRow(manager: EntityManager, lock: boolean): Promise<UsableRow> {
    const rows: ActiveNodeKeyRow[] = await manager.query(
      `SELECT id, not_before, not_after FROM signing_keys WHERE owner_type = 'NODE' AND status = 'ACTIVE'${lock ? ' FOR SHARE' : ''}`,
    );
    return this.usable(rows[0] ?? null);
  }

  private usable(row: ActiveNodeKeyRow | null): UsableRow {
    if (!row) return { reason: 'No ACTIVE node key is stored' };
    const now = this.clock.now();
    if ((row.not_before && now < row.not_before) || (row.not_after && now > row.not_after)) {
      return { reason: `The stored node key ${row.id} is ACTIVE but its certificate is not valid now` };
    }
    return { row };
  }

  private load(manager: EntityManager, id: string): Promise<NodeSigningKey> {
    let loading = this.loaded.get(id);
    if (!loading) {
      loading = this.open(manager, id).catch((error: unknown) => {
        this.loaded.delete(id);
        throw error;
      });
      this.loaded.set(id, loading);
    }
    return loading;
  }

  private async open(manager: EntityManager, id: string): Promise<NodeSigningKey> {
    try {
      const signer = await this.keys.openSigner(manager, id);
      if (signer.certificate.publicKey.asymmetricKeyType !== 'rsa') throw new Error('envelopes are signed with RSA (RSA-SHA256), and this key is not an RSA key');
      const der = signer.certificate.der;
      return { key: { publicKey: signer.certificate.publicKey, sign: (bytes, algorithm) => signer.signBytes(bytes, algorithm) }, certificatePem: derToPem(der), keyId: fingerprintSha256(der) };
    } catch (error) {
      throw new ExchangeError(ExchangeErrorCode.NODE_KEY_UNAVAILABLE, `The stored node key ${id} cannot be used: ${(error as Error).message}`);
    }
  }

  // Said once per change of key in this process, not once per envelope.
  private note(source: string, message: string): void {
    if (this.inUse === source) return;
    this.inUse = source;
    this.logger.log(message);
  }
}
