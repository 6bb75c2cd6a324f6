import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { canonicalJson } from '../core/canonical/canonical-json';
import { hubConfig } from '../core/config/hub.config';
import { ChangeNotices } from '../core/database/change-notices/change-notices';
import { ReferenceCache } from '../core/database/change-notices/reference-cache';
import { RequestError } from '../core/errors/request-error';
import type { Violation } from '../core/errors/violation';
import type { AgreementProfile } from './agreements/agreement-profile';
import { BUILT_IN_PROFILES, SHIPPED_PROFILE_FILES } from './agreements/built-in-profiles';
import { ProfileCatalog } from './agreements/profile-catalog';
import { parseAgreementProfile } from './agreements/validate-agreement-profile';
import { storedDocumentForm } from './canonical';
import { checkCertificate } from './check-certificate';
import type { CertificateDocument } from './certificate-document';
import { DATASET_VERSION, FIRST_RULES_VERSION } from './dataset-version';
import { AgreementProfileEntity } from './entities/agreement-profile.entity';
import { loadHsNomenclatureFile } from './hs/hs-loader';
import { HsNomenclature } from './hs/hs-nomenclature';
import { buildRuleContext, runRules } from './rules';
import { validateCertificateShape } from './validate-shape';

/** The change notices' topic of agreement profiles (one entry: the whole catalog). */
export const AGREEMENT_PROFILES_TOPIC = 'agreement-profiles';

export interface DocumentVersions {
  dataset: string;
  profile: string | null;
  hs: string;
}

export interface ValidatedDocument {
  /** The normalised document (NFC text, six-digit HS codes) as plain JSON. */
  document: CertificateDocument & Record<string, unknown>;
  warnings: Violation[];
  versions: DocumentVersions;
  /** The agreement's validity in days from issue; null when certificates do not expire. */
  validityDays: number | null;
}

export interface IssuedDocumentCheck {
  readable: boolean;
  findings: Violation[];
  versions: DocumentVersions | null;
  validityDays: number | null;
}

/**
 * The common dataset as a service: the HS nomenclature the operator configured, the agreement
 * profiles (shipped and operator-added, kept in PostgreSQL so every process sees the same), and the
 * validation every use case runs, also when a worker calls it.
 */
@Injectable()
export class DatasetService implements OnModuleInit {
  private readonly logger = new Logger(DatasetService.name);
  private hs: HsNomenclature = HsNomenclature.shapeOnly();
  private readonly cached: ReferenceCache<ProfileCatalog>;

  constructor(
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
    @InjectRepository(AgreementProfileEntity) private readonly profiles: Repository<AgreementProfileEntity>,
    private readonly notices: ChangeNotices,
  ) {
    this.cached = notices.cache<ProfileCatalog>(AGREEMENT_PROFILES_TOPIC);
  }

  async onModuleInit(): Promise<void> {
    checkShippedProfiles();
    this.hs = await loadHsNomenclatureFile(this.config.hsFile);
    this.logger.log(this.config.hsFile ? `HS nomenclature ${this.hs.version}: ${this.hs.size} subheadings from ${this.config.hsFile}` : 'No HUB_HS_FILE: HS codes are checked for shape and chapter only');
    await this.profiles
      .createQueryBuilder()
      .insert()
      .values(BUILT_IN_PROFILES.map((p) => ({ code: p.code, version: p.version, effectiveFrom: p.effectiveFrom, profile: p, source: 'BUILT_IN' as const })))
      .orIgnore()
      .execute();
  }

  get nomenclature(): HsNomenclature {
    return this.hs;
  }

  /**
   * The profile catalog as PostgreSQL holds it, kept in this process until a profile is added (the
   * change notice a trigger sends in the adding transaction reaches every process when it commits). Inside a
   * transaction, pass its manager: a load goes through it (DESIGN.md section 2), and in trial mode a
   * read on another connection would wait for the transaction to end.
   */
  async catalog(manager?: EntityManager): Promise<ProfileCatalog> {
    return this.cached.get('catalog', async () => {
      const profiles = manager ? manager.getRepository(AgreementProfileEntity) : this.profiles;
      const rows = await profiles.find({ order: { code: 'ASC', effectiveFrom: 'ASC' } });
      return new ProfileCatalog(rows.map((r) => r.profile as AgreementProfile));
    });
  }

  /** Drops this process's catalog at once, once the change committed. */
  forgetCatalog(): void {
    this.notices.evict(AGREEMENT_PROFILES_TOPIC);
  }

  /**
   * A document another hub issued, judged as at its issue time with the profile version in force
   * then: never refused here (the receiver keeps what it got), but reported. `readable` is false when
   * the shape is not the dataset's; `findings` are the rule errors and warnings otherwise.
   */
  async checkIssuedDocument(body: unknown, issuerCountry: string, manager?: EntityManager): Promise<IssuedDocumentCheck> {
    const issueTime = new Date(String((body as { issueDateTime?: unknown } | null)?.issueDateTime));
    const catalog = await this.catalog(manager);
    // Held to the rules every hub shares: a rule added since only warns (DESIGN.md section 4).
    const check = checkCertificate(body, { issued: true, now: Number.isNaN(issueTime.getTime()) ? new Date(0) : issueTime, catalog, hs: this.hs, issuerCountry, rulesVersion: FIRST_RULES_VERSION });
    if (!check.validatedAgainst) return { readable: false, findings: check.violations, versions: null, validityDays: null };
    const agreement = check.validatedAgainst.agreement;
    const profile = agreement ? catalog.version(agreement.code, agreement.version) : undefined;
    return {
      readable: true,
      findings: check.violations,
      versions: { dataset: check.validatedAgainst.dataset, profile: agreement ? `${agreement.code}@${agreement.version}` : null, hs: check.validatedAgainst.hs },
      validityDays: profile?.validityDays ?? null,
    };
  }

  /**
   * The document as a create would store it (shape checked, then normalised), or undefined when its
   * shape is refused; no business rule runs. Tells whether a body repeats stored content.
   */
  contentOf(body: unknown): (CertificateDocument & Record<string, unknown>) | undefined {
    const shape = validateCertificateShape(body);
    return shape.value ? storedForm(shape.value) : undefined;
  }

  /**
   * Shape first (every violation at once), then every business rule as of `now`. Errors are a 422 with
   * the warnings alongside; warnings alone come back with the result. `manager`: the caller's
   * transaction, when it validates inside one. A draft's stored document is checked in full again at
   * its issue, unless this process stored it and the row is still the version it wrote
   * (validateCheckedDocument): recognising a checked document by its RFC 8785 hash cost more than the
   * shape check, recognising it by the row version (xmin) costs nothing (issue 14).
   */
  async validateDocument(body: unknown, context: { issuerCountry: string; now: Date; manager?: EntityManager }): Promise<ValidatedDocument> {
    return this.runRulesOn(checkedStoredForm(body), context);
  }

  /**
   * validateDocument of a document this process stored after validateDocument passed it (a draft
   * whose row is still the version it wrote: certificates' CheckedDrafts): its shape held then and
   * it is its own stored form, so only the rules run, as of `context.now`. The answer is
   * validateDocument's.
   */
  async validateCheckedDocument(stored: Record<string, unknown>, context: { issuerCountry: string; now: Date; manager?: EntityManager }): Promise<ValidatedDocument> {
    return this.runRulesOn(stored as CertificateDocument & Record<string, unknown>, context);
  }

  private async runRulesOn(document: CertificateDocument & Record<string, unknown>, context: { issuerCountry: string; now: Date; manager?: EntityManager }): Promise<ValidatedDocument> {
    const ruleContext = buildRuleContext({ doc: document, now: context.now, catalog: await this.catalog(context.manager), hs: this.hs, issuerCountry: context.issuerCountry });
    const violations = runRules(document, ruleContext);
    if (violations.some((v) => v.severity === 'error')) throw RequestError.validation(violations);
    const profile = ruleContext.profile;
    return {
      document,
      warnings: violations,
      versions: { dataset: DATASET_VERSION, profile: profile ? `${profile.code}@${profile.version}` : null, hs: this.hs.version },
      validityDays: profile?.validityDays ?? null,
    };
  }
}

/**
 * The shipped profiles, through the validator an upload goes through: a build whose profile files fail
 * it does not start (their spec fails first), and none is read otherwise than the validator returns it.
 */
function checkShippedProfiles(): void {
  SHIPPED_PROFILE_FILES.forEach((file, index) => {
    const { profile, violations } = parseAgreementProfile(file);
    if (!profile || canonicalJson(profile) !== canonicalJson(BUILT_IN_PROFILES[index])) {
      const why = profile ? 'it reads otherwise than the validator returns it' : violations.map((v) => `${v.path}: ${v.message}`).join('; ');
      throw new Error(`shipped agreement profile ${index + 1} of ${SHIPPED_PROFILE_FILES.length} is invalid: ${why}`);
    }
  });
}

function storedForm(value: object): CertificateDocument & Record<string, unknown> {
  return storedDocumentForm(value) as CertificateDocument & Record<string, unknown>;
}

/** The stored form of a body that passes the shape check; a 422 with every violation otherwise. */
function checkedStoredForm(body: unknown): CertificateDocument & Record<string, unknown> {
  const shape = validateCertificateShape(body);
  if (!shape.value) throw RequestError.validation(shape.violations);
  return storedForm(shape.value);
}
