import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { EntityManager } from 'typeorm';
import { newVerificationToken } from './verification-token';
import { CertificateEntity } from './entities/certificate.entity';
import { CertificateSealer } from '../pki/signing/certificate-sealer';
import type { Tx } from '../core/unit-of-work/unit-of-work';

export interface IssuedFields {
  issueDateTime: Date;
  expiresAt: Date | null;
  document: Record<string, unknown>;
  canonicalDocument: Buffer;
  documentHash: string;
  // The key of the certificate's public verification page (GET /verify/{token}).
  verificationToken: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What issuing means for every kind of issued record (original, replacement, duplicate): the hub sets
 * the issuing authority and the issue time, freezes the RFC 8785 form with its SHA-256, gives it a
 * verification token, and seals it.
 */
@Injectable()
export class CertificateIssuance {
  constructor(private readonly sealer: CertificateSealer) {}

  freeze(input: { document: Record<string, unknown>; authorityCode: string; copyNumber: number; now: Date; validityDays: number | null }): IssuedFields {
    const document = { ...input.document, issuingAuthority: input.authorityCode, issueDateTime: input.now.toISOString(), copyNumber: input.copyNumber };
    const canonicalDocument = Buffer.from(canonicalize(document), 'utf8');
    return {
      issueDateTime: input.now,
      expiresAt: input.validityDays === null ? null : new Date(input.now.getTime() + input.validityDays * DAY_MS),
      document,
      canonicalDocument,
      documentHash: createHash('sha256').update(canonicalDocument).digest('hex'),
      verificationToken: newVerificationToken(),
    };
  }

  /** Seals the saved certificate and stores the seal with it, in the caller's transaction. */
  async seal(manager: EntityManager, certificate: CertificateEntity): Promise<void> {
    const sealed = await this.signInPlace(manager, certificate);
    if (!sealed) return;
    await manager.query('UPDATE certificates SET signature_cms = $1, signing_key_id = $2, signature_check_mac = $3 WHERE id = $4', [
      certificate.signatureCms,
      certificate.signingKeyId,
      certificate.signatureCheckMac,
      certificate.id,
    ]);
  }

  /**
   * Seals the certificate in memory, in the caller's transaction, for the caller to write with the
   * rest of the change in one statement: given the unit of work's Tx, the key's status is a condition
   * of that statement; given a manager, it is read there first. False when the hub only records the digest.
   */
  async signInPlace(context: EntityManager | Tx, certificate: CertificateEntity): Promise<boolean> {
    const seal = await this.sealer.seal(context, {
      certificateId: certificate.id,
      authorityId: certificate.issuingAuthorityId,
      authorityCode: certificate.issuingAuthorityCode,
      canonical: certificate.canonicalDocument as Buffer,
      issueTime: certificate.issueDateTime as Date,
      exporterSignatureCms: certificate.exporterSignatureCms,
    });
    if (!seal) return false;
    certificate.signatureCms = seal.signatureCms;
    certificate.signingKeyId = seal.signingKeyId;
    certificate.signatureCheckMac = seal.signatureCheckMac;
    return true;
  }
}
