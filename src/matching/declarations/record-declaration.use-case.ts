import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { CertificateUseSource } from '../../certificates/domain/use-ledger';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { RequestError } from '../../core/errors/request-error';
import { normalizeDocument } from '../../dataset/canonical';
import { toIsoDate } from '../../dataset/dates';
import { DatasetService } from '../../dataset/dataset.service';
import { validateDtoShape } from '../../core/validation/validate-dto-shape';
import { declarationProblems } from '../domain/declaration-problems';
import { DeclarationFacts, MatchResult, matchDeclaration } from '../domain/match-declaration';
import { MatchStatus } from '../domain/match-status';
import { ImportDeclarationDto } from '../dto/import-declaration.dto';
import { ImportDeclarationView, toDeclarationView } from '../dto/import-declaration.view';
import { ImportDeclarationEntity } from '../entities/import-declaration.entity';
import { MatchingError, MatchingErrorCode } from '../matching.error';
import { DeclarationMetrics } from './declaration-metrics';
import { ReceivedCertificateFinder } from './received-certificate-finder';

function factsOf(dto: ImportDeclarationDto): DeclarationFacts {
  return {
    declarationDate: dto.declarationDate,
    ucr: dto.ucr ?? null,
    certificateNumber: dto.certificateNumber ?? null,
    consigneeId: dto.consignee.id,
    agreement: dto.agreement ?? null,
    lines: dto.lines.map((l) => ({
      lineNumber: l.lineNumber,
      hsCode: l.hsCode.replace(/\./g, ''),
      originCountry: l.originCountry,
      quantity: { value: l.quantity.value, unit: l.quantity.unit },
      preferenceClaimed: l.preferenceClaimed,
      ...(l.certificateItemNumber !== undefined ? { certificateItemNumber: l.certificateItemNumber } : {}),
    })),
  };
}

/**
 * POST /v1/import-declarations: the importing customs send the origin data of a declaration; it is
 * matched with the certificates they received and stored with the result, and a MATCHED claim
 * records its use in the certificate's ledger, all in one transaction. A claim beyond what remains is
 * stored as PARTIAL ("quantity exceeds remaining") with no use recorded: the declaration is evidence.
 */
@Injectable()
export class RecordDeclarationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly finder: ReceivedCertificateFinder,
    private readonly ledger: CertificateLedger,
    private readonly clock: Clock,
    private readonly metrics: DeclarationMetrics,
  ) {}

  async execute(principal: AuthorityPrincipal, body: unknown): Promise<ImportDeclarationView> {
    const shape = validateDtoShape(ImportDeclarationDto, body, 'SHAPE');
    if (!shape.value) throw RequestError.validation(shape.violations);
    const dto = normalizeDocument(JSON.parse(JSON.stringify(shape.value)) as ImportDeclarationDto);
    const now = this.clock.now();
    const catalog = await this.dataset.catalog();
    const problems = declarationProblems(dto, { today: toIsoDate(now), knownAgreements: new Set(catalog.codes()) });
    if (problems.length > 0) throw RequestError.validation(problems);
    const facts = factsOf(dto);
    const actor = principalLabel(principal);

    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const key = { certificateNumber: dto.certificateNumber, issuingAuthority: dto.issuingAuthority, ucr: dto.ucr };
      const found = await this.finder.find(manager, key, { importCountry: principal.country }, { lock: true, catalog });
      if (dto.certificateNumber !== undefined && found.length === 0) {
        // The same answer whether the number is unknown or another country's: existence is not revealed.
        const message = `No certificate ${dto.certificateNumber}${dto.issuingAuthority ? ` of ${dto.issuingAuthority}` : ''} was received by ${principal.code}`;
        throw new MatchingError(MatchingErrorCode.CERTIFICATE_NOT_RECEIVED, message, {
          violations: [{ ruleId: 'MATCH-CERT-001', severity: 'error', path: 'certificateNumber', message: 'the certificate claimed is not one this customs received' }],
        });
      }
      const result = matchDeclaration(facts, found.map((f) => f.facts));
      const row = await this.insert(manager, principal, dto, result, actor, now);
      if (result.status === MatchStatus.MATCHED && result.certificate && result.uses.length > 0) {
        const recorded = await this.ledger.record(manager, {
          certificateId: result.certificate.id,
          source: CertificateUseSource.IMPORT_DECLARATION,
          reference: dto.declarationNumber,
          lines: result.uses,
          actor,
          at: now,
        });
        // The same number claimed this certificate before (another customs authority's declaration).
        if (!recorded.recorded) throw this.exists(dto.declarationNumber);
      }
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.IMPORT_DECLARATION_RECORDED,
        entityType: 'import_declaration',
        entityId: row.id,
        details: { declarationNumber: dto.declarationNumber, matchStatus: result.status, certificateId: result.certificate?.id ?? null, uses: row.useRecorded ? result.uses : [] },
      });
      return row;
    });
    this.metrics.declarationRecorded(saved.matchStatus);
    return toDeclarationView(saved);
  }

  private async insert(manager: EntityManager, principal: AuthorityPrincipal, dto: ImportDeclarationDto, result: MatchResult, actor: string, now: Date): Promise<ImportDeclarationEntity> {
    const row = manager.create(ImportDeclarationEntity, {
      customsAuthorityId: principal.authorityId,
      customsAuthorityCode: principal.code,
      importCountry: principal.country,
      declarationNumber: dto.declarationNumber,
      declarationDate: dto.declarationDate,
      ucr: dto.ucr ?? null,
      certificateNumber: dto.certificateNumber ?? null,
      consigneeId: dto.consignee.id,
      agreement: dto.agreement ?? null,
      declaration: dto as unknown as Record<string, unknown>,
      certificateId: result.certificate?.id ?? null,
      matchStatus: result.status,
      matchResult: result as unknown as Record<string, unknown>,
      useRecorded: result.status === MatchStatus.MATCHED && result.uses.length > 0,
      recordedBy: actor,
      recordedAt: now,
    });
    try {
      return await manager.save(row);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_import_declarations_number')) throw this.exists(dto.declarationNumber);
      throw error;
    }
  }

  private exists(declarationNumber: string): MatchingError {
    return new MatchingError(MatchingErrorCode.DECLARATION_EXISTS, `Declaration ${declarationNumber} was recorded before`);
  }
}
