import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityRole } from '../../core/auth/authority-role';
import { Principal, PrincipalKind, principalLabel } from '../../core/auth/principal';
import { CertificateStatus, ImportStatus } from '../../certificates/domain/certificate-status';
import { RequestError } from '../../core/errors/request-error';
import { isWcoUcr } from '../../dataset/rules/ucr-format.rule';
import { DatasetService } from '../../dataset/dataset.service';
import { Audience, FoundCertificate, ReceivedCertificateFinder } from '../declarations/received-certificate-finder';
import { UCR_MESSAGE } from '../domain/declaration-problems';
import { buildPrefill } from '../domain/declaration-prefill';
import { PrefillQuery } from '../dto/prefill.query';
import { PrefillView } from '../dto/prefill.view';
import { MatchingError, MatchingErrorCode } from '../matching.error';

/** Current and not refused first, then the latest issued, the original before its copies. */
function rank(a: FoundCertificate, b: FoundCertificate): number {
  const usable = (f: FoundCertificate) => Number(f.row.status === CertificateStatus.ISSUED && f.row.importStatus !== ImportStatus.REJECTED);
  return usable(b) - usable(a) || a.row.copyNumber - b.row.copyNumber || (b.row.issueDateTime?.getTime() ?? 0) - (a.row.issueDateTime?.getTime() ?? 0);
}

/**
 * GET /v1/import-declarations/prefill: the declaration fields a certificate already answers, for the
 * importing customs of its country and for its consignee; for anyone else there is nothing (404, the
 * same as for a UCR nobody knows). Every prefill is a read of personal data, so it is audited.
 */
@Injectable()
export class PrefillService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataset: DatasetService,
    private readonly finder: ReceivedCertificateFinder,
    private readonly audit: AuditService,
  ) {}

  async prefill(principal: Principal, query: PrefillQuery): Promise<PrefillView> {
    const problems = [];
    if (query.ucr === undefined && query.certificateNumber === undefined) {
      problems.push({ ruleId: 'MATCH-KEY-001', severity: 'error' as const, path: 'ucr', message: 'give the UCR or the certificate number' });
    }
    if (query.ucr !== undefined && !isWcoUcr(query.ucr)) problems.push({ ruleId: 'CO-UCR-001', severity: 'error' as const, path: 'ucr', message: UCR_MESSAGE });
    if (problems.length > 0) throw RequestError.validation(problems);
    const audience = this.audienceOf(principal);
    const catalog = await this.dataset.catalog();
    const found = audience
      ? await this.finder.find(this.dataSource.manager, { certificateNumber: query.certificateNumber, issuingAuthority: query.issuingAuthority, ucr: query.ucr }, audience, { lock: false, catalog })
      : [];
    // With both keys the certificate must bear the UCR too.
    const answering = found.filter((f) => query.ucr === undefined || f.row.ucr === query.ucr).sort(rank);
    if (answering.length === 0) throw new MatchingError(MatchingErrorCode.NOTHING_TO_PREFILL, 'No certificate you may use answers this UCR or number');
    const [best, ...others] = answering;
    const { row } = best;
    await this.audit.record({
      actor: principalLabel(principal),
      action: AuditAction.IMPORT_DECLARATION_PREFILLED,
      entityType: 'certificate',
      entityId: row.id,
      details: { certificateNumber: row.certificateNumber, by: query.certificateNumber !== undefined ? 'certificateNumber' : 'ucr' },
    });
    const prefill = buildPrefill({ ...row, document: row.document, balances: best.balances });
    return {
      certificate: {
        id: row.id,
        certificateNumber: row.certificateNumber,
        issuingAuthority: row.issuingAuthority,
        copyNumber: row.copyNumber,
        issueDateTime: row.issueDateTime?.toISOString() ?? null,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        status: row.status,
        importStatus: row.importStatus,
        preferential: row.preferential,
        agreement: row.agreement,
        receivedFrom: row.receivedFrom,
      },
      declaration: prefill.declaration,
      supplier: prefill.supplier,
      exportCountry: prefill.exportCountry,
      items: prefill.items,
      otherCertificates: others.map((o) => ({ certificateNumber: o.row.certificateNumber, issuingAuthority: o.row.issuingAuthority, copyNumber: o.row.copyNumber, status: o.row.status })),
    };
  }

  /** Importing customs use their country's certificates, a consignee its own; the route lets no one else in. */
  private audienceOf(principal: Principal): Audience | null {
    if (principal.kind === PrincipalKind.AUTHORITY && principal.roles.includes(AuthorityRole.CUSTOMS)) return { importCountry: principal.country };
    if (principal.kind === PrincipalKind.TRADER) return { consigneeId: principal.partyId };
    return null;
  }
}
