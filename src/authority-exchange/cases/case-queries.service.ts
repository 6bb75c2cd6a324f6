import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityRole } from '../../core/auth/authority-role';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { VerificationAttachmentEntity } from '../entities/verification-attachment.entity';
import { AuthorityExchangeError, AuthorityExchangeErrorCode } from '../authority-exchange.error';
import { CaseSide, caseSides } from '../domain/parties';
import { ListCasesQuery } from '../dto/list-cases.query';
import { AttachmentView, VerificationCasePageView, VerificationCaseView, toAttachmentView, toCaseView } from '../dto/verification-case.view';
import { VerificationCaseEntity } from '../entities/verification-case.entity';

const META = { id: true, caseId: true, fileName: true, contentType: true, size: true, sha256: true, uploadedBy: true, createdAt: true } as const;

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

/** Reads of verification cases, for their two parties only; anyone else gets 404. */
@Injectable()
export class CaseQueriesService {
  constructor(
    @InjectRepository(VerificationCaseEntity) private readonly cases: Repository<VerificationCaseEntity>,
    @InjectRepository(VerificationAttachmentEntity) private readonly attachments: Repository<VerificationAttachmentEntity>,
    private readonly audit: AuditService,
  ) {}

  async get(principal: AuthorityPrincipal, caseId: string): Promise<VerificationCaseView> {
    const { kase, sides } = await this.visible(principal, caseId);
    const files = await this.attachments.find({ where: { caseId }, select: META, order: { createdAt: 'ASC', id: 'ASC' } });
    return toCaseView(kase, files.map(toAttachmentView), sides);
  }

  async list(principal: AuthorityPrincipal, query: ListCasesQuery): Promise<VerificationCasePageView> {
    const limit = query.limit ? Number(query.limit) : 50;
    const offset = query.offset ? Number(query.offset) : 0;
    const sides = [CaseSide.REQUESTER, CaseSide.ISSUER].filter((side) => !query.side || query.side === side);
    const qb = this.cases.createQueryBuilder('v').where(
      new Brackets((w) => {
        w.where('false');
        // The same rule as caseSides, for many cases: customs see what they asked, issuers what they must answer.
        if (sides.includes(CaseSide.REQUESTER) && principal.roles.includes(AuthorityRole.CUSTOMS)) w.orWhere('v.requesting_authority = :code', { code: principal.code });
        if (sides.includes(CaseSide.ISSUER) && principal.roles.includes(AuthorityRole.ISSUER)) w.orWhere('v.issuing_authority = :code', { code: principal.code });
      }),
    );
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    if (query.certificateId) qb.andWhere('v.certificate_id = :certificateId', { certificateId: query.certificateId.toLowerCase() });
    const rows = await qb.orderBy('v.requested_at', 'DESC').addOrderBy('v.id', 'DESC').offset(offset).limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const files = page.length > 0 ? await this.attachments.find({ where: { caseId: In(page.map((k) => k.id)) }, select: META, order: { createdAt: 'ASC', id: 'ASC' } }) : [];
    const byCase = new Map<string, AttachmentView[]>();
    for (const file of files) byCase.set(file.caseId, [...(byCase.get(file.caseId) ?? []), toAttachmentView(file)]);
    return { items: page.map((k) => toCaseView(k, byCase.get(k.id) ?? [], caseSides(principal, k))), nextOffset: rows.length > limit ? offset + limit : null };
  }

  /** The bytes of a file of the case, for its two parties; every download is audited. */
  async attachment(principal: AuthorityPrincipal, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.visible(principal, caseId);
    const file = await this.attachments.findOne({ where: { id: attachmentId, caseId } });
    if (!file) throw new AuthorityExchangeError(AuthorityExchangeErrorCode.ATTACHMENT_NOT_FOUND, 'No such attachment on this case');
    await this.audit.record({ actor: principalLabel(principal), action: AuditAction.VERIFICATION_ATTACHMENT_READ, entityType: 'verification_case', entityId: caseId, details: { attachmentId, sha256: file.sha256 } });
    return { fileName: file.fileName, contentType: file.contentType, sha256: file.sha256, bytes: file.content };
  }

  private async visible(principal: AuthorityPrincipal, caseId: string): Promise<{ kase: VerificationCaseEntity; sides: CaseSide[] }> {
    const kase = await this.cases.findOne({ where: { id: caseId } });
    const sides = kase ? caseSides(principal, kase) : [];
    if (!kase || sides.length === 0) throw AuthorityExchangeError.caseNotFound();
    return { kase, sides };
  }
}
