import { Injectable } from '@nestjs/common';
import { AuditAction } from '../audit/audit-action';
import { AUDIT_ENTRY } from '../audit/audit-entry.effect';
import { isUniqueViolation } from '../core/database/pg-errors';
import { RequestError } from '../core/errors/request-error';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import type { AgreementProfile } from './agreements/agreement-profile';
import { parseAgreementProfile } from './agreements/validate-agreement-profile';
import { DatasetError, DatasetErrorCode } from './dataset.error';
import { DatasetService } from './dataset.service';
import { AgreementProfileEntity } from './entities/agreement-profile.entity';

/** Agreement profiles are data: the operator adds agreements and new versions without a release. */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
  ) {}

  async list(code?: string): Promise<AgreementProfile[]> {
    const catalog = await this.dataset.catalog();
    const codes = code ? [code] : catalog.codes();
    const found = codes.flatMap((c) => catalog.versions(c));
    if (code && found.length === 0) throw new DatasetError(DatasetErrorCode.PROFILE_NOT_FOUND, `No agreement ${code}`);
    return found;
  }

  async add(body: unknown, actor: string): Promise<AgreementProfile> {
    const parsed = parseAgreementProfile(body);
    if (!parsed.profile) throw RequestError.validation(parsed.violations);
    const profile = parsed.profile;
    const catalog = await this.dataset.catalog();
    if (catalog.versions(profile.code).some((v) => v.version === profile.version || v.effectiveFrom === profile.effectiveFrom)) {
      throw new DatasetError(DatasetErrorCode.PROFILE_VERSION_EXISTS, `Agreement ${profile.code} already has version ${profile.version} or a version effective from ${profile.effectiveFrom}; versions are immutable`);
    }
    try {
      await this.uow.run(async (tx) => {
        await tx.manager.insert(AgreementProfileEntity, { code: profile.code, version: profile.version, effectiveFrom: profile.effectiveFrom, profile, source: 'OPERATOR' });
        tx.add(AUDIT_ENTRY, {
          actor,
          action: AuditAction.AGREEMENT_PROFILE_ADDED,
          entityType: 'agreement_profile',
          entityId: `${profile.code}@${profile.version}`,
          details: { effectiveFrom: profile.effectiveFrom },
        });
      });
      this.dataset.forgetCatalog();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DatasetError(DatasetErrorCode.PROFILE_VERSION_EXISTS, `Agreement ${profile.code} version ${profile.version} exists`);
      throw error;
    }
    return profile;
  }
}
