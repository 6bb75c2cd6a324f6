import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActiveKeySigner } from './active-key-signer';
import { RecordKeySignature, RecordKeySigner, RecordSignatureAlgorithm } from './record-key-signer';

/** RecordKeySigner with the keys the hub stores (encrypted at rest, decrypted into the signer cache). */
@Injectable()
export class StoredRecordKeySigner extends RecordKeySigner {
  constructor(private readonly keys: ActiveKeySigner) {
    super();
  }

  async sign(manager: EntityManager, keyId: string, bytes: Buffer, algorithm: RecordSignatureAlgorithm, at: Date): Promise<RecordKeySignature> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    // RSASSA-PKCS1-v1_5 with SHA-256: the one algorithm stored keys sign with (RSA keys only are imported).
    if (algorithm !== 'RSA-SHA256') throw new RangeError(`unsupported signature algorithm ${String(algorithm)}`);
    return { signature: signer.signBytes(bytes), keyId, certificateDer: signer.certificate.der, chainDer: signer.chainDer };
  }

  async certificatesOf(manager: EntityManager, keyId: string, at: Date): Promise<{ certificateDer: Buffer; chainDer: Buffer[] }> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return { certificateDer: signer.certificate.der, chainDer: signer.chainDer };
  }

  async signCms(manager: EntityManager, keyId: string, content: Buffer, at: Date): Promise<Buffer> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return signer.sign(content, at);
  }
}
