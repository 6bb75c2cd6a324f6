import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ImportedSigningKey, parsePemBundle, parsePkcs12 } from '../crypto/keys';
import { PkiCryptoErrorCode } from '../crypto/pki-crypto.error';
import { parseCertificate } from '../crypto/x509';
import { KeyOwner } from '../domain/key-owner';
import { SigningKeySource } from '../domain/key-status';
import { ImportPemDto, ImportPkcs12Dto } from '../dto/import-key.dto';
import { SigningKeyView } from '../dto/pki.views';
import { asInputProblem, PkiError, PkiErrorCode } from '../pki.error';
import { KeyVault } from '../signing/key-vault';
import { readPemCertificates } from './certificate-input';
import { KeyActivation } from './key-activation.service';
import { KeyOwnerResolver } from './key-owner.resolver';
import { toSigningKeyView } from './pki.mappers';

/** Keys made elsewhere: a PKCS#12 file or PEM key and certificates, checked, sealed and activated. */
@Injectable()
export class KeyImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly owners: KeyOwnerResolver,
    private readonly vault: KeyVault,
    private readonly activation: KeyActivation,
  ) {}

  async importPkcs12(dto: ImportPkcs12Dto, actor: string): Promise<SigningKeyView> {
    const owner = await this.owners.resolve(dto);
    this.vault.assertConfigured();
    const imported = asInputProblem(() => parsePkcs12(Buffer.from(dto.pkcs12, 'base64'), dto.password));
    return this.activate(owner, imported, dto.label, actor);
  }

  async importPem(dto: ImportPemDto, actor: string): Promise<SigningKeyView> {
    const owner = await this.owners.resolve(dto);
    this.vault.assertConfigured();
    const certificates = `${dto.certificatePem}\n${dto.chainPem ?? ''}`;
    // Certificates are read first, so a malformed block reads as such, not as "no certificate matches the key".
    if (readPemCertificates(dto.certificatePem).length === 0) {
      throw new PkiError(PkiErrorCode.NO_CERTIFICATE, 'certificatePem holds no CERTIFICATE PEM block');
    }
    readPemCertificates(dto.chainPem);
    const imported = asInputProblem(() => parsePemBundle(dto.privateKeyPem, certificates, dto.passphrase), {
      [PkiCryptoErrorCode.BAD_PASSWORD]: PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE,
      [PkiCryptoErrorCode.MALFORMED_PEM]: PkiErrorCode.MALFORMED_PRIVATE_KEY,
    });
    return this.activate(owner, imported, dto.label, actor);
  }

  private async activate(owner: KeyOwner, imported: ImportedSigningKey, label: string | undefined, actor: string): Promise<SigningKeyView> {
    const certificate = asInputProblem(() => parseCertificate(imported.certDer));
    const chain = imported.chainDer.map((der) => asInputProblem(() => parseCertificate(der)));
    const activated = await this.dataSource.transaction((manager) =>
      this.activation.activateNew(manager, { owner, privateKey: imported.privateKey, source: SigningKeySource.IMPORTED, label, actor, certificate, chain }),
    );
    return toSigningKeyView(activated.key, activated.warnings);
  }
}
