import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { RequestError } from '../../core/errors/request-error';
import { createCsrSignedBy, CsrSigner, subjectAttributes } from '../crypto/keys';
import { PkiCryptoError, PkiCryptoErrorCode } from '../crypto/pki-crypto.error';
import { SubjectInput } from '../crypto/x509';
import { KeyOwner, KeyOwnerType, ownerLabel } from '../domain/key-owner';
import { SigningKeySource, SigningKeyStatus } from '../domain/key-status';
import { spkiDer } from '../domain/signing-certificate-check';
import { GenerateKeyDto } from '../dto/generate-key.dto';
import { GeneratedKeyView, SigningKeyView } from '../dto/pki.views';
import { UploadCertificateDto } from '../dto/upload-certificate.dto';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { KeyStores } from '../keys/key-stores';
import { readSigningCertificate } from './certificate-input';
import { KeyActivation } from './key-activation.service';
import { KeyOwnerResolver } from './key-owner.resolver';
import { ownerColumns, ownerOf, PkiStore } from '../pki.store';
import { toSigningKeyView } from './pki.mappers';

/**
 * The CSR route to a key: the hub generates the key pair where it will live (sealed in the database,
 * or in a PKCS#11 token: `keyStore`), signs a PKCS#10 request for the owner's CA with it (in the token
 * for a token key: the private key never leaves it), and activates the key when the signed
 * certificate comes back.
 */
@Injectable()
export class KeyEnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly owners: KeyOwnerResolver,
    private readonly authorities: AuthoritiesService,
    private readonly keyStores: KeyStores,
    private readonly store: PkiStore,
    private readonly activation: KeyActivation,
  ) {}

  async generate(dto: GenerateKeyDto, actor: string): Promise<GeneratedKeyView> {
    const owner = await this.owners.resolve(dto);
    const store = this.keyStores.forNewKey(dto.keyStore);
    const subject = dto.subject ? { ...dto.subject } : await this.defaultSubject(owner);
    // Checked before a key is made, so a bad subject leaves nothing behind in a token.
    await this.csr(subject, null);
    const keyBits = dto.keyBits ?? 3072;
    const id = randomUUID();
    const generated = await store.generate(id, keyBits);
    try {
      const csrPem = await this.csr(subject, { publicKey: generated.publicKey, sign: (bytes, algorithm) => generated.handle.sign(bytes, algorithm) });
      const saved = await this.uow.run(async (tx) => {
        const manager = tx.manager;
        const key = manager.create(SigningKeyEntity, {
          id,
          ...ownerColumns(owner),
          status: SigningKeyStatus.PENDING_CERTIFICATE,
          source: SigningKeySource.GENERATED,
          label: dto.label ?? null,
          keyAlgorithm: 'RSA',
          keyBits,
          publicKeySpki: spkiDer(generated.publicKey),
          ...generated.columns,
          csrPem,
          subject: Object.entries(subject).map(([name, value]) => `${name}=${value}`).join(', '),
        });
        const inserted = await this.store.saveKey(manager, key);
        tx.add(AUDIT_ENTRY, {
          actor,
          action: AuditAction.SIGNING_KEY_GENERATED,
          entityType: 'signing_key',
          entityId: id,
          details: { owner: ownerLabel(owner), keyBits, subject: inserted.subject, keyStore: inserted.keyStore },
        });
        return inserted;
      });
      return { ...toSigningKeyView(saved), csrPem };
    } catch (error) {
      // A key made for a row that was not stored is destroyed, not left behind in a token.
      await store.discard(generated.columns).catch(() => undefined);
      throw error;
    }
  }

  async uploadCertificate(id: string, dto: UploadCertificateDto, actor: string): Promise<SigningKeyView> {
    const input = readSigningCertificate(dto.certificatePem, dto.chainPem);
    const activated = await this.dataSource.transaction(async (manager) => {
      const key = await this.store.lockKey(manager, id);
      return this.activation.activate(manager, key, { owner: ownerOf(key), ...input }, actor);
    });
    return toSigningKeyView(activated.key, activated.warnings);
  }

  /** The CSR signed by `signer`; without one, only the subject is checked. */
  private async csr(subject: SubjectInput, signer: CsrSigner | null): Promise<string> {
    try {
      if (!signer) {
        subjectAttributes(subject);
        return '';
      }
      return await createCsrSignedBy({ subject, signer });
    } catch (error) {
      if (error instanceof PkiCryptoError && error.code === PkiCryptoErrorCode.INVALID_ARGUMENT) {
        throw RequestError.validation([{ ruleId: 'PKI-SUBJECT-001', severity: 'error', path: 'subject', message: error.message }]);
      }
      throw error;
    }
  }

  private async defaultSubject(owner: KeyOwner): Promise<SubjectInput> {
    if (owner.type === KeyOwnerType.NODE) return { CN: 'e-CoO hub node' };
    const authority = await this.authorities.getAuthorityByCode(owner.code);
    return { CN: `${authority.code} CO signer`, O: authority.name.slice(0, 64), C: authority.country };
  }
}
