import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { Principal, PrincipalKind, principalLabel } from '../../core/auth/principal';
import { ImportDeclarationPageView, ImportDeclarationView, toDeclarationView } from '../dto/import-declaration.view';
import { ListDeclarationsQuery } from '../dto/list-declarations.query';
import { ImportDeclarationEntity } from '../entities/import-declaration.entity';
import { MatchingError, MatchingErrorCode } from '../matching.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(value: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && TIMESTAMP.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through to the refusal below
  }
  throw new MatchingError(MatchingErrorCode.INVALID_CURSOR, 'The cursor is not one this hub issued');
}

/**
 * Reads of stored declarations: a customs authority reads its own, the operator all (audited, since
 * declarations name the consignee); anyone else finds nothing.
 */
@Injectable()
export class DeclarationQueriesService {
  constructor(
    @InjectRepository(ImportDeclarationEntity) private readonly declarations: Repository<ImportDeclarationEntity>,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, id: string): Promise<ImportDeclarationView> {
    const found = await this.declarations.findOne({ where: { id } });
    if (!found || !this.mayRead(principal, found)) throw new MatchingError(MatchingErrorCode.DECLARATION_NOT_FOUND, 'No such import declaration');
    await this.recordRead(principal, [found]);
    return toDeclarationView(found);
  }

  async list(principal: Principal, query: ListDeclarationsQuery): Promise<ImportDeclarationPageView> {
    const limit = query.limit ? Number(query.limit) : 50;
    const qb = this.declarations.createQueryBuilder('d');
    if (principal.kind === PrincipalKind.AUTHORITY) qb.andWhere('d.customs_authority_id = :authorityId', { authorityId: principal.authorityId });
    if (principal.kind === PrincipalKind.TRADER) qb.andWhere('false');
    if (query.status) qb.andWhere('d.match_status = :status', { status: query.status });
    if (query.declarationNumber) qb.andWhere('d.declaration_number = :number', { number: query.declarationNumber });
    if (query.ucr) qb.andWhere('d.ucr = :ucr', { ucr: query.ucr });
    if (query.certificateNumber) qb.andWhere('d.certificate_number = :certificateNumber', { certificateNumber: query.certificateNumber });
    if (query.recordedFrom) qb.andWhere('d.recorded_at >= :from', { from: query.recordedFrom });
    if (query.recordedTo) qb.andWhere('d.recorded_at < :to', { to: query.recordedTo });
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      qb.andWhere('(d.recorded_at, d.id) < (:cursorAt::timestamptz, :cursorId::uuid)', { cursorAt: cursor.at, cursorId: cursor.id });
    }
    qb.addSelect(`to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .orderBy('d.recorded_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    const page = entities.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = entities.length > limit && last ? Buffer.from(JSON.stringify([raw[page.length - 1].cursor_at, last.id])).toString('base64url') : null;
    await this.recordRead(principal, page);
    return { items: page.map(toDeclarationView), nextCursor };
  }

  private mayRead(principal: Principal, declaration: ImportDeclarationEntity): boolean {
    if (principal.kind === PrincipalKind.OPERATOR) return true;
    return principal.kind === PrincipalKind.AUTHORITY && principal.authorityId === declaration.customsAuthorityId;
  }

  // A customs authority reading its own declarations reads its own business; the operator's reads are audited.
  private async recordRead(principal: Principal, declarations: ImportDeclarationEntity[]): Promise<void> {
    if (principal.kind !== PrincipalKind.OPERATOR || declarations.length === 0) return;
    await this.audit.record(
      declarations.map((d) => ({ actor: principalLabel(principal), action: AuditAction.IMPORT_DECLARATIONS_READ, entityType: 'import_declaration', entityId: d.id, details: { declarationNumber: d.declarationNumber } })),
    );
  }
}
