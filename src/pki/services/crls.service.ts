import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { Clock } from '../../core/clock/clock';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { RequestError } from '../../core/errors/request-error';
import { Tx, UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { CrlReason, findRevocation, ParsedCrl, parseCrl, verifyCrlSignature } from '../crypto/crl';
import { parseCertificateCached } from '../crypto/x509';
import { SigningKeyStatus } from '../domain/key-status';
import { CrlView } from '../dto/pki.views';
import { UploadCrlDto } from '../dto/trust.dto';
import { CrlEntity } from '../entities/crl.entity';
import { asInputProblem, PkiError, PkiErrorCode } from '../pki.error';
import { SignerCache } from '../signing/signer-cache';
import { toCrlView } from './pki.mappers';
import { PkiStore, PkiTopic } from '../pki.store';

/**
 * CRLs from the CAs the hub knows. Accepted only when signed by such a CA and current; a hub key the
 * CRL lists is marked REVOKED at the CRL's revocation date (so it stops signing at once).
 */
@Injectable()
export class CrlsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(CrlEntity) private readonly crls: Repository<CrlEntity>,
    private readonly store: PkiStore,
    private readonly cache: SignerCache,
    private readonly clock: Clock,
  ) {}

  async upload(dto: UploadCrlDto, actor: string): Promise<CrlView> {
    if ((dto.crlPem === undefined) === (dto.crlBase64 === undefined)) {
      throw RequestError.validation([{ ruleId: 'PKI-CRL-001', severity: 'error', path: 'crlPem', message: 'Give the CRL once: crlPem or crlBase64' }]);
    }
    const crl = asInputProblem(() => parseCrl(dto.crlPem ?? Buffer.from(dto.crlBase64 as string, 'base64')));
    if (crl.unsupportedCriticalExtensions.length > 0) {
      throw new PkiError(PkiErrorCode.MALFORMED_CRL, `The CRL has critical extensions the hub does not process: ${crl.unsupportedCriticalExtensions.join(', ')}`);
    }
    const now = this.clock.now();
    const result = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const issuerFingerprint = await this.verifiedIssuer(manager, crl);
      if (crl.thisUpdate.getTime() > now.getTime()) {
        throw new PkiError(PkiErrorCode.CRL_NOT_YET_VALID, `The CRL is not valid yet (thisUpdate ${crl.thisUpdate.toISOString()})`);
      }
      if (!crl.nextUpdate || crl.nextUpdate.getTime() < now.getTime()) {
        const detail = crl.nextUpdate ? `its nextUpdate ${crl.nextUpdate.toISOString()} has passed` : 'it has no nextUpdate';
        throw new PkiError(PkiErrorCode.CRL_OUT_OF_DATE, `The CRL is out of date: ${detail}; upload a current one`);
      }
      const saved = await this.insert(manager, crl, issuerFingerprint);
      const revokedKeyIds = await this.revokeListedKeys(tx, crl, actor);
      this.store.forgetOnCommit(tx, PkiTopic.CRLS, ...(revokedKeyIds.length > 0 ? [PkiTopic.SIGNING_KEYS] : []));
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CRL_REGISTERED,
        entityType: 'crl',
        entityId: saved.id,
        details: { issuer: saved.issuer, crlNumber: saved.crlNumber, thisUpdate: saved.thisUpdate.toISOString(), revokedKeyIds },
      });
      return { saved, revokedKeyIds };
    });
    result.revokedKeyIds.forEach((id) => this.cache.forget(id));
    return toCrlView(result.saved, result.revokedKeyIds);
  }

  async list(): Promise<CrlView[]> {
    return (await this.crls.find({ order: { createdAt: 'DESC', id: 'DESC' } })).map((crl) => toCrlView(crl));
  }

  private async verifiedIssuer(manager: EntityManager, crl: ParsedCrl): Promise<string> {
    const named = (await this.store.knownCas(manager)).filter((ca) => ca.subject.matchKey === crl.issuer.matchKey);
    if (named.length === 0) {
      throw new PkiError(PkiErrorCode.CRL_ISSUER_UNKNOWN, `No registered CA is named "${crl.issuer.text}": register its trust anchor first`);
    }
    const signer = named.find((ca) => verifyCrlSignature(crl, ca) && (!ca.keyUsage || ca.keyUsage.cRLSign));
    if (!signer) throw new PkiError(PkiErrorCode.CRL_SIGNATURE_INVALID, `The CRL's signature does not verify under the key of "${crl.issuer.text}" (or that CA may not sign CRLs)`);
    return signer.fingerprintSha256;
  }

  private async insert(manager: EntityManager, crl: ParsedCrl, issuerFingerprint: string): Promise<CrlEntity> {
    try {
      return await manager.save(
        manager.create(CrlEntity, {
          issuer: crl.issuer.text,
          issuerKey: crl.issuer.matchKey,
          issuerFingerprintSha256: issuerFingerprint,
          crlNumber: crl.crlNumberHex ?? null,
          thisUpdate: crl.thisUpdate,
          nextUpdate: crl.nextUpdate as Date,
          revokedCount: crl.revoked.length,
          der: crl.der,
          fingerprintSha256: createHash('sha256').update(crl.der).digest('hex'),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_crls_fingerprint')) throw new PkiError(PkiErrorCode.CRL_ALREADY_REGISTERED, 'This CRL is already registered');
      throw error;
    }
  }

  private async revokeListedKeys(tx: Tx, crl: ParsedCrl, actor: string): Promise<string[]> {
    const manager = tx.manager;
    const rows: { id: string; certificate_der: Buffer }[] = await manager.query(
      'SELECT id, certificate_der FROM signing_keys WHERE certificate_der IS NOT NULL AND status <> $1',
      [SigningKeyStatus.REVOKED],
    );
    const listed = rows.filter((row) => {
      const cert = parseCertificateCached(row.certificate_der);
      return cert.issuer.matchKey === crl.issuer.matchKey && findRevocation(crl, cert.serialNumberHex) !== undefined;
    });
    const revoked: string[] = [];
    for (const { id } of listed) {
      const key = await this.store.lockKey(manager, id);
      const entry = findRevocation(crl, parseCertificateCached(key.certificateDer as Buffer).serialNumberHex);
      if (!entry || key.status === SigningKeyStatus.REVOKED) continue;
      key.status = SigningKeyStatus.REVOKED;
      key.revokedAt = entry.revocationDate;
      key.revocationReason = `listed in the CRL of "${crl.issuer.text}"${entry.reason === undefined ? '' : ` (${CrlReason[entry.reason]})`}`;
      await this.store.saveKey(manager, key);
      revoked.push(key.id);
    }
    if (revoked.length > 0) {
      tx.add(AUDIT_ENTRY, ...revoked.map((id) => ({ actor, action: AuditAction.SIGNING_KEY_REVOKED, entityType: 'signing_key', entityId: id, details: { by: 'CRL', issuer: crl.issuer.text } })));
    }
    return revoked;
  }
}
