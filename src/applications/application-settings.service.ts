import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AUDIT_ENTRY } from '../audit/audit-entry.effect';
import { principalLabel, type AuthorityPrincipal } from '../core/auth/principal';
import { RequestError } from '../core/errors/request-error';
import type { Violation } from '../core/errors/violation';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { ApplicationStore, type ApplicationSettings } from './application-store';
import type { ApplicationSettingsDto } from './dto/application-requests.dto';
import type { ApplicationSettingsView } from './dto/application.view';

const AGREEMENT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

/** An issuing authority's settings for the applications addressed to it: four eyes and its service levels. */
@Injectable()
export class ApplicationSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
  ) {}

  get(principal: AuthorityPrincipal): Promise<ApplicationSettings> {
    return this.store.settings(this.dataSource.manager, principal.authorityId);
  }

  async set(principal: AuthorityPrincipal, dto: ApplicationSettingsDto): Promise<ApplicationSettingsView> {
    const problems: Violation[] = [];
    const entries = Object.entries(dto.serviceDaysByAgreement);
    if (entries.length > 100) problems.push({ ruleId: 'APP-SET-001', severity: 'error', path: 'serviceDaysByAgreement', message: 'at most 100 agreements' });
    for (const [code, days] of entries) {
      if (!AGREEMENT_CODE.test(code)) problems.push({ ruleId: 'APP-SET-001', severity: 'error', path: `serviceDaysByAgreement.${code}`, message: 'an agreement profile code (upper-case letters, digits, - and _)' });
      if (!Number.isInteger(days) || days < 1 || days > 365) problems.push({ ruleId: 'APP-SET-002', severity: 'error', path: `serviceDaysByAgreement.${code}`, message: 'a whole number of days from 1 to 365' });
    }
    if (problems.length > 0) throw RequestError.validation(problems);
    const settings: ApplicationSettings = { fourEyes: dto.fourEyes, dayCounting: dto.dayCounting, serviceDays: dto.serviceDays, serviceDaysByAgreement: dto.serviceDaysByAgreement };
    await this.uow.run(async (tx) => {
      await this.store.saveSettings(tx.manager, principal.authorityId, settings);
      tx.add(AUDIT_ENTRY, { actor: principalLabel(principal), action: AuditAction.APPLICATION_SETTINGS_CHANGED, entityType: 'authority', entityId: principal.code, details: { ...settings } });
    });
    return settings;
  }
}
