import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorityRole } from '../../core/auth/authority-role';
import type { AuthorityPrincipal } from '../../core/auth/principal';
import { CaseStatus } from '../domain/case-status';
import { CaseSide } from '../domain/parties';
import { InboxItemKind, InboxQuery } from '../dto/inbox.query';
import { InboxItemView, InboxView } from '../dto/inbox.view';

interface InboxRow {
  kind: InboxItemKind;
  id: string;
  certificate_id: string;
  issuing_authority: string;
  certificate_number: string;
  copy_number: number;
  status: string;
  side: CaseSide;
  counterpart: string;
  at: Date;
  due_at: Date | null;
  reason: string | null;
}

// Whose move it is: the issuer answers a requested or overdue case, the customs decide an answered or overdue one.
const ACTION_REQUIRED: Record<CaseSide, string[]> = {
  [CaseSide.ISSUER]: [CaseStatus.REQUESTED, CaseStatus.OVERDUE],
  [CaseSide.REQUESTER]: [CaseStatus.RESPONDED, CaseStatus.OVERDUE],
};

/**
 * GET /v1/inbox: what needs the calling authority. Open cases on both sides with their due dates,
 * overdue ones first; for an issuer, the customs responses about its certificates, newest first.
 */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: AuthorityPrincipal, query: InboxQuery): Promise<InboxView> {
    const limit = query.limit ? Number(query.limit) : 50;
    const offset = query.offset ? Number(query.offset) : 0;
    const issuer = principal.roles.includes(AuthorityRole.ISSUER);
    const customs = principal.roles.includes(AuthorityRole.CUSTOMS);
    const parts: string[] = [];
    if (query.kind !== InboxItemKind.CUSTOMS_RESPONSE) {
      const sides = [...(customs ? [`requesting_authority = $1`] : []), ...(issuer ? [`issuing_authority = $1`] : [])];
      if (sides.length > 0) {
        parts.push(`SELECT 'VERIFICATION_CASE' AS kind, id, certificate_id, issuing_authority, certificate_number, copy_number, status,
                           CASE WHEN ${issuer ? 'issuing_authority = $1' : 'false'} THEN 'ISSUER' ELSE 'REQUESTER' END AS side,
                           CASE WHEN ${issuer ? 'issuing_authority = $1' : 'false'} THEN requesting_authority ELSE issuing_authority END AS counterpart,
                           requested_at AS at, due_at, reason, CASE WHEN status = 'OVERDUE' THEN 0 ELSE 1 END AS rank
                      FROM verification_cases WHERE status IN ('REQUESTED', 'RESPONDED', 'OVERDUE') AND (${sides.join(' OR ')})`);
      }
    }
    if (query.kind !== InboxItemKind.VERIFICATION_CASE && issuer) {
      parts.push(`SELECT 'CUSTOMS_RESPONSE' AS kind, id, certificate_id, issuing_authority, certificate_number, copy_number, decision AS status,
                         'ISSUER' AS side, responder_authority AS counterpart, responded_at AS at, NULL::timestamptz AS due_at, reason, 2 AS rank
                    FROM customs_responses WHERE issuing_authority = $1 AND responder_authority <> $1`);
    }
    if (parts.length === 0) return { items: [], nextOffset: null };
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT * FROM (${parts.join(' UNION ALL ')}) inbox ORDER BY rank, due_at ASC NULLS LAST, at DESC, id LIMIT $2 OFFSET $3`,
      [principal.code, limit + 1, offset],
    );
    const items = rows.slice(0, limit).map((r): InboxItemView => ({
      kind: r.kind,
      id: r.id,
      certificate: { id: r.certificate_id, issuingAuthority: r.issuing_authority, certificateNumber: r.certificate_number, copyNumber: r.copy_number },
      status: r.status,
      side: r.side,
      counterpart: r.counterpart,
      at: new Date(r.at).toISOString(),
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      overdue: r.kind === InboxItemKind.VERIFICATION_CASE && r.status === CaseStatus.OVERDUE,
      actionRequired: r.kind === InboxItemKind.VERIFICATION_CASE && ACTION_REQUIRED[r.side].includes(r.status),
      reason: r.reason,
    }));
    return { items, nextOffset: rows.length > limit ? offset + limit : null };
  }
}
