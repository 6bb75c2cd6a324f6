import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertSupportedAlgorithm } from '../keys/key-handle';
import { ActiveKeySigner } from './active-key-signer';
import { RecordKeySignature, RecordKeySigner, RecordSignatureAlgorithm } from './record-key-signer';

/** RecordKeySigner with the keys the hub stores (in the database or a PKCS#11 token, opened into the signer cache). */
@Injectable()
export class StoredRecordKeySigner extends RecordKeySigner {
  constructor(private readonly keys: ActiveKeySigner) {
    super();
  }

  async sign(manager: EntityManager, keyId: string, bytes: Buffer, algorithm: RecordSignatureAlgorithm, at: Date): Promise<RecordKeySignature> {
    // RSASSA-PKCS1-v1_5 with SHA-256: the one algorithm stored keys sign with (RSA keys only).
    assertSupportedAlgorithm(algorithm);
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return { signature: await signer.signBytes(bytes, algorithm), keyId, certificateDer: signer.certificate.der, chainDer: signer.chainDer };
  }

  async signCms(manager: EntityManager, keyId: string, content: Buffer, at: Date): Promise<Buffer> {
    const signer = await this.keys.signerOfKey(manager, keyId, at);
    return signer.signCms(content, at);
  }
}
