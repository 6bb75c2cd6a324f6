import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import type { AuditInput } from '../../audit/audit.service';
import type { PayloadRendition } from '../../exchange/domain/envelope';
import { canonicalJson } from '../../core/canonical/canonical-json';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { datasetToEdi3 } from '../../dataset/formats/domain/edi3-certificate';
import { datasetToUbl, unwritableInXml, type IssuedDocument } from '../../dataset/formats/domain/ubl-certificate';
import { signEnvelopedXml } from '../../pki/crypto/xml-dsig';
import { PkiError, PkiErrorCode } from '../../pki/pki.error';
import { RecordKeySigner } from '../../pki/signing/record-key-signer';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { CertificateRenditionEntity } from '../entities/certificate-rendition.entity';
import type { CertificateEntity } from '../entities/certificate.entity';
import { RENDITION_MEDIA_TYPE, RenditionFormat } from '../../dataset/formats/rendition-format';
import { CredentialStatusLists } from '../credentials/credential-status-lists.service';
import { compactJws, jwsSigningInput } from '../credentials/domain/compact-jws';
import { certificateCredential, issuerIdOf, VC_JWT_TYPE } from '../credentials/domain/verifiable-credential';

/** Where the signature goes in the hub's UBL: inside sac:SignatureInformation of the signature extension. */
const UBL_SIGNATURE_PLACE = '</sac:SignatureInformation>';

export interface Rendition {
  format: RenditionFormat;
  mediaType: string;
  document: Buffer;
  signature: Buffer;
  recordHash: string;
}

/**
 * Renditions of issued certificates (README, "Formats at the edge"): made from the signed record,
 * stating its hash, signed once by the key that signed the record (through RecordKeySigner, so any
 * key holder can), at the first request while that key is active, then stored and served as made.
 */
@Injectable()
export class CertificateRenditionsService {
  constructor(
    @InjectRepository(CertificateRenditionEntity) private readonly renditions: Repository<CertificateRenditionEntity>,
    private readonly unitOfWork: UnitOfWork,
    private readonly signer: RecordKeySigner,
    private readonly clock: Clock,
    private readonly statusLists: CredentialStatusLists,
    private readonly authorities: AuthoritiesService,
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
  ) {}

  /** The stored rendition, or one made and stored now; a coded 409 when none was made and the record's key can no longer sign. */
  async obtain(certificate: CertificateEntity, format: RenditionFormat, actor: string): Promise<Rendition> {
    const stored = await this.renditions.findOne({ where: { certificateId: certificate.id, format } });
    if (stored) return view(stored);
    if (!certificate.signingKeyId || !certificate.canonicalDocument || !certificate.documentHash) {
      throw new CertificateError(
        CertificateErrorCode.RENDITION_NOT_AVAILABLE,
        `Certificate ${certificate.certificateNumber} has no ${format} rendition, and this hub holds no key that signed it (a received copy comes with the renditions its issuer's hub sent, if any)`,
        { format },
      );
    }
    return this.unitOfWork.run((tx) => this.within(tx.manager, certificate, format, actor, (entry) => tx.add(AUDIT_ENTRY, entry)));
  }

  /**
   * The stored rendition, or one made, signed and stored in the caller's transaction (at issue, for the
   * partners that read the format), its audit entry handed to `audit`. Two transactions making the
   * same one: the first stored wins, and both answer it.
   */
  async within(manager: EntityManager, certificate: CertificateEntity, format: RenditionFormat, actor: string, audit: (entry: AuditInput) => unknown): Promise<Rendition> {
    const stored = await manager.findOne(CertificateRenditionEntity, { where: { certificateId: certificate.id, format } });
    if (stored) return view(stored);
    if (!certificate.signingKeyId || !certificate.canonicalDocument || !certificate.documentHash) {
      throw new CertificateError(CertificateErrorCode.RENDITION_NOT_AVAILABLE, `Certificate ${certificate.certificateNumber} has no ${format} rendition, and this hub holds no key that signed it`, { format });
    }
    const rendition = await this.make(manager, certificate, format);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateRenditionEntity)
      .values({ certificateId: certificate.id, format, mediaType: rendition.mediaType, document: rendition.document, signature: rendition.signature, recordHash: rendition.recordHash, signingKeyId: certificate.signingKeyId })
      .orIgnore()
      .returning(['id'])
      .execute();
    if (inserted.raw.length > 0) {
      await audit({
        actor,
        action: AuditAction.CERTIFICATE_RENDITION_SIGNED,
        entityType: 'certificate',
        entityId: certificate.id,
        details: { certificateNumber: certificate.certificateNumber, format, recordHash: rendition.recordHash, signingKeyId: certificate.signingKeyId },
      });
    }
    return view(await manager.findOneOrFail(CertificateRenditionEntity, { where: { certificateId: certificate.id, format } }));
  }

  /** A rendition as it travels in an envelope's payload.renditions[]. */
  static asPayload(rendition: Rendition): PayloadRendition {
    return { mediaType: rendition.mediaType, document: rendition.document.toString('base64'), signature: rendition.signature.toString('base64') };
  }

  /** A stored rendition only (a received copy's, or one made before), or undefined. */
  async stored(certificateId: string, format: RenditionFormat): Promise<Rendition | undefined> {
    const row = await this.renditions.findOne({ where: { certificateId, format } });
    return row ? view(row) : undefined;
  }

  private async make(manager: EntityManager, certificate: CertificateEntity, format: RenditionFormat): Promise<Rendition> {
    const record = JSON.parse((certificate.canonicalDocument as Buffer).toString('utf8')) as IssuedDocument;
    const recordHash = certificate.documentHash as string;
    const keyId = certificate.signingKeyId as string;
    const now = this.clock.now();
    try {
      if (format === RenditionFormat.UBL) {
        const unwritable = unwritableInXml(record);
        if (unwritable.length > 0) {
          throw new CertificateError(CertificateErrorCode.RENDITION_NOT_WRITABLE, `Certificate ${certificate.certificateNumber} holds characters XML 1.0 cannot carry, in ${unwritable.join(', ')}`, { fields: unwritable });
        }
        const unsigned = datasetToUbl(record, { signed: true, record: { recordHash } });
        const signed = await signEnvelopedXml(unsigned, UBL_SIGNATURE_PLACE, (bytes) => this.signer.sign(manager, keyId, bytes, 'RSA-SHA256', now));
        const signature = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(signed)?.[0] as string;
        return { format, mediaType: RENDITION_MEDIA_TYPE[format], document: Buffer.from(signed, 'utf8'), signature: Buffer.from(signature, 'utf8'), recordHash };
      }
      if (format === RenditionFormat.VC) return await this.credential(manager, certificate, record, now);
      // RFC 8785 bytes, like the record: what the detached CMS covers is what anyone re-serialises.
      const document = Buffer.from(canonicalJson(datasetToEdi3(record, { record: { recordHash } })), 'utf8');
      const signature = await this.signer.signCms(manager, keyId, document, now);
      return { format, mediaType: RENDITION_MEDIA_TYPE[format], document, signature, recordHash };
    } catch (error) {
      if (error instanceof PkiError && error.code === PkiErrorCode.SIGNING_KEY_NOT_ACTIVE) {
        throw new CertificateError(
          CertificateErrorCode.RENDITION_NOT_AVAILABLE,
          `Certificate ${certificate.certificateNumber} has no ${format} rendition, and the key that signed it can no longer sign one (${error.message})`,
          { format, ...error.extra },
        );
      }
      throw error;
    }
  }

  /**
   * The certificate as a VC 2.0 credential secured as VC-JOSE: its places in the authority's status
   * lists drawn first, then the compact JWS put together around the record key's signature of the
   * signing input, the header naming that key's certificate and chain (x5c) so a verifier needs no
   * DID, only the authority's trust anchor.
   */
  private async credential(manager: EntityManager, certificate: CertificateEntity, record: IssuedDocument, now: Date): Promise<Rendition> {
    const keyId = certificate.signingKeyId as string;
    const recordHash = certificate.documentHash as string;
    const status = await this.statusLists.entriesFor(manager, certificate);
    const authority = await this.authorities.findAuthorityByCode(certificate.issuingAuthorityCode, manager);
    const payload = certificateCredential({
      certificateId: certificate.id,
      record: record as unknown as Record<string, unknown>,
      recordHash,
      recordUrl: `${this.config.publicUrl}/v1/certificates/${certificate.id}/document`,
      issuerId: issuerIdOf(certificate.issuingAuthorityCode),
      issuerName: authority?.name ?? certificate.issuingAuthorityCode,
      validFrom: certificate.issueDateTime as Date,
      validUntil: certificate.expiresAt,
      status,
    });
    const x5c = (await this.signer.certificatePathOf(manager, keyId, now)).map((der) => der.toString('base64'));
    const input = jwsSigningInput({ alg: 'RS256', typ: VC_JWT_TYPE, x5c }, payload);
    const signed = await this.signer.sign(manager, keyId, input, 'RSA-SHA256', now);
    const jws = compactJws(input, signed.signature);
    return { format: RenditionFormat.VC, mediaType: RENDITION_MEDIA_TYPE[RenditionFormat.VC], document: Buffer.from(jws, 'ascii'), signature: signed.signature, recordHash };
  }
}

function view(row: CertificateRenditionEntity): Rendition {
  return { format: row.format as RenditionFormat, mediaType: row.mediaType, document: row.document, signature: row.signature, recordHash: row.recordHash };
}
