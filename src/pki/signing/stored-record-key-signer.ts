import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertSupportedAlgorithm } from '../keys/key-handle';
import { buildCertificatePath } from '../crypto/certificate-path';
import { parseCertificateCached } from '../crypto/x509';
import { KeyOwner, KeyOwnerType, NODE_OWNER } from '../domain/key-owner';
import { PkiStore } from '../pki.store';
import { ActiveKeySigner } from './active-key-signer';
import { RecordKeySignature, RecordKeySigner, RecordSignatureAlgorithm } from './record-key-signer';

/** RecordKeySigner with the keys the hub stores (in the database or a PKCS#11 token, opened into the signer cache). */
@Injectable()
export class StoredRecordKeySigner extends RecordKeySigner {
  constructor(
    private readonly keys: ActiveKeySigner,
    private readonly store: PkiStore,
  ) {
    super();
  }

  async sign(manager: EntityManager, keyId: string, bytes: Buffer, algorithm: RecordSignatureAlgorithm, at: Date): Promise<RecordKeySignature> {
    // RSASSA-PKCS1-v1_5 with SHA-256: the one algorithm stored keys sign with (RSA keys only).
    assertSupportedAlgorithm(algorithm);
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return { signature: await signer.signBytes(bytes, algorithm), keyId, certificateDer: signer.certificate.der, chainDer: signer.chainDer };
  }

  async certificatePathOf(manager: EntityManager, keyId: string, at: Date): Promise<Buffer[]> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    const [owner]: { owner_type: string; authority_id: string | null; authority_code: string | null }[] = await manager.query(
      `SELECT owner_type, authority_id, authority_code FROM signing_keys WHERE id = $1`,
      [keyId],
    );
    const keyOwner: KeyOwner = owner.owner_type === KeyOwnerType.NODE ? NODE_OWNER : { type: KeyOwnerType.AUTHORITY, authorityId: owner.authority_id as string, code: owner.authority_code as string };
    const { own: anchors } = await this.store.anchorsOfAndAll(manager, keyOwner);
    const path = buildCertificatePath({ leaf: signer.certificate, intermediates: signer.chainDer.map((der) => parseCertificateCached(der)), anchors, at });
    // A key whose certificate no longer reaches a registered anchor still names what it holds.
    if (!path.ok) return [signer.certificate.der, ...signer.chainDer];
    const chain = path.path.map((certificate) => certificate.der);
    return chain[chain.length - 1].equals(path.anchor.der) ? chain : [...chain, path.anchor.der];
  }

  async signCms(manager: EntityManager, keyId: string, content: Buffer, at: Date): Promise<Buffer> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return signer.signCms(content, at);
  }
}
