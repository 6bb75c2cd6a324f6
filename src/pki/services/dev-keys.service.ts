import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { createDevCa, issueDevSigningCertificate } from '../crypto/dev-pki';
import { generateRsaKeyPair, RsaKeyBits } from '../crypto/keys';
import { parseCertificate, SubjectInput } from '../crypto/x509';
import { KeyOwner, KeyOwnerType, NODE_OWNER } from '../domain/key-owner';
import { SigningKeySource } from '../domain/key-status';
import { DevKeysDto } from '../dto/dev-keys.dto';
import { DevKeyResultView, DevKeysView } from '../dto/pki.views';
import { PkiError, PkiErrorCode } from '../pki.error';
import { KeyVault } from '../signing/key-vault';
import { KeyActivation } from './key-activation.service';
import { KeyOwnerResolver } from './key-owner.resolver';
import { PkiStore } from '../pki.store';
import { TrustAnchorsService } from './trust-anchors.service';

const DAY_MS = 86_400_000;
// Dev certificates start a little in the past, so a clock a few minutes behind still accepts them.
const BACKDATE_MS = 5 * 60 * 1000;

interface Target {
  owner: KeyOwner;
  country?: string;
  name?: string;
}

/**
 * Development PKI (npm run pki:dev, POST /v1/pki/dev-keys): for each owner without an ACTIVE key, a
 * throw-away CA of its own (registered as its trust anchor, private key discarded) and a signing key
 * with a certificate carrying digitalSignature + nonRepudiation and no extended key usage, so
 * `openssl cms -verify` accepts signatures without `-purpose any`. Owners with an active key are left
 * alone, so running it again is harmless. Refused under NODE_ENV=production, where a throw-away CA
 * trusted by the hub would let anyone with the operator token sign as any authority, unless
 * HUB_ALLOW_DEV_KEYS=true marks a staging hub.
 */
@Injectable()
export class DevKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authorities: AuthoritiesService,
    private readonly owners: KeyOwnerResolver,
    private readonly vault: KeyVault,
    private readonly store: PkiStore,
    private readonly activation: KeyActivation,
    private readonly anchors: TrustAnchorsService,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) private readonly hub: Pick<ConfigType<typeof hubConfig>, 'devKeysAllowed'>,
  ) {}

  async equip(dto: DevKeysDto, actor: string): Promise<DevKeysView> {
    if (!this.hub.devKeysAllowed) {
      throw new PkiError(
        PkiErrorCode.DEV_KEYS_REFUSED_IN_PRODUCTION,
        'Development keys are refused under NODE_ENV=production: register real keys (POST /v1/pki/keys, /v1/pki/keys/pkcs12 or /v1/pki/keys/pem), or set HUB_ALLOW_DEV_KEYS=true on a staging hub',
      );
    }
    this.vault.assertConfigured();
    const targets = await this.targets(dto);
    const results: DevKeyResultView[] = [];
    for (const target of targets) {
      results.push(await this.equipOne(target, (dto.keyBits ?? 2048) as RsaKeyBits, dto.validDays ?? 730, actor));
    }
    return { results };
  }

  private async targets(dto: DevKeysDto): Promise<Target[]> {
    const named = dto.authorities !== undefined;
    const codes = named ? (dto.authorities as string[]) : (await this.authorities.listAuthorities()).map((a) => a.code);
    const targets: Target[] = [];
    for (const code of codes) {
      const authority = await this.authorities.getAuthorityByCode(code);
      targets.push({ owner: await this.owners.authority(code), country: authority.country, name: authority.name });
    }
    if (dto.node ?? !named) targets.push({ owner: NODE_OWNER });
    return targets;
  }

  private async equipOne(target: Target, keyBits: RsaKeyBits, validDays: number, actor: string): Promise<DevKeyResultView> {
    const { owner } = target;
    const base = { authority: owner.type === KeyOwnerType.AUTHORITY ? owner.code : null, node: owner.type === KeyOwnerType.NODE };
    const existing = await this.store.activeKey(this.dataSource.manager, owner);
    if (existing) return { ...base, outcome: 'ALREADY_ACTIVE', keyId: existing.id };

    const label = owner.type === KeyOwnerType.AUTHORITY ? owner.code : 'hub node';
    const validFrom = new Date(this.clock.now().getTime() - BACKDATE_MS);
    const [caKeys, signerKeys] = await Promise.all([generateRsaKeyPair(keyBits), generateRsaKeyPair(keyBits)]);
    const ca = createDevCa({
      commonName: `${label} development CA (throw-away)`,
      organizationName: 'e-CoO hub development PKI',
      countryName: target.country,
      validDays: 3650,
      validFrom,
      keyPair: caKeys,
    });
    const subject: SubjectInput =
      owner.type === KeyOwnerType.AUTHORITY
        ? { CN: `${owner.code} CO signer (development)`, O: target.name?.slice(0, 64), C: target.country }
        : { CN: 'e-CoO hub node (development)' };
    const issued = issueDevSigningCertificate({ ca, subject, publicKey: signerKeys.publicKey, validFrom, validTo: new Date(validFrom.getTime() + validDays * DAY_MS) });
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.store.lockOwner(manager, owner);
        const raced = await this.store.activeKey(manager, owner);
        if (raced) return { ...base, outcome: 'ALREADY_ACTIVE' as const, keyId: raced.id };
        const anchor = await this.anchors.insert(manager, owner, ca.certificate, 'development CA (throw-away)');
        await this.anchors.recordRegistration(manager, anchor, owner, actor);
        const { key } = await this.activation.activateNew(manager, {
          owner,
          privateKey: signerKeys.privateKey,
          source: SigningKeySource.DEVELOPMENT,
          label: 'development key',
          actor,
          certificate: parseCertificate(issued.certDer),
          chain: [],
        });
        return { ...base, outcome: 'CREATED' as const, keyId: key.id, caCertificatePem: ca.certPem };
      });
    } catch (error) {
      // Another process equipped the same owner between our read and our lock-free insert.
      if (isUniqueViolation(error, 'uq_signing_keys_active_authority') || isUniqueViolation(error, 'uq_signing_keys_active_node')) {
        const winner = await this.store.activeKey(this.dataSource.manager, owner);
        if (winner) return { ...base, outcome: 'ALREADY_ACTIVE', keyId: winner.id };
      }
      throw error;
    }
  }
}
