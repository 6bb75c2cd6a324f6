import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateStatus, ImportStatus } from '../../certificates/domain/certificate-status';
import type { ItemBalance } from '../../certificates/domain/use-ledger';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { NON_PREFERENTIAL_CODE } from '../../dataset/agreements/agreement-profile';
import { normalizeHsCode } from '../../dataset/hs/hs-code';
import type { ProfileCatalog } from '../../dataset/agreements/profile-catalog';
import type { HistoryEvent } from '../domain/certificate-state-at';
import type { CandidateFacts, CertificateItemFacts } from '../domain/match-declaration';

/** What a certificate is looked up by: its number (optionally with its issuer), or else the UCR. */
export interface CertificateKey {
  certificateNumber?: string;
  issuingAuthority?: string;
  ucr?: string;
}

/** Who the certificate is looked up for: importing customs see their country's, a consignee its own. */
export type Audience = { importCountry: string } | { consigneeId: string };

/** The columns of a certificate row that matching and prefill read. */
export interface CertificateRow {
  id: string;
  certificateNumber: string;
  issuingAuthority: string;
  copyNumber: number;
  status: CertificateStatus;
  importStatus: ImportStatus | null;
  origin: string;
  receivedFrom: string | null;
  preferential: boolean;
  agreement: string | null;
  consigneeId: string | null;
  ucr: string | null;
  issueDateTime: Date | null;
  expiresAt: Date | null;
  profileVersion: string | null;
  createdAt: Date;
  document: Record<string, unknown>;
}

const COLUMNS = `id, certificate_number AS "certificateNumber", issuing_authority_code AS "issuingAuthority", copy_number AS "copyNumber",
  status, import_status AS "importStatus", origin, received_from AS "receivedFrom", preferential, agreement, consignee_id AS "consigneeId", ucr,
  issue_date_time AS "issueDateTime", expires_at AS "expiresAt", profile_version AS "profileVersion", created_at AS "createdAt", document`;

export interface FoundCertificate {
  row: CertificateRow;
  facts: CandidateFacts;
  balances: ItemBalance[];
}

// A UCR or number shared by more certificates than this is not a consignment reference any more.
const MAX_CANDIDATES = 20;

interface DocumentItem {
  itemNumber: number;
  hsCode: string;
  originCountry: string;
  quantity?: { value: string; unit: string };
  grossWeight?: { value: string; unit: string };
}

/** The matching tolerance of the profile version the certificate recorded (`RCEP@2022-01-01`). */
function tolerancePercent(entity: CertificateRow, catalog: ProfileCatalog): number {
  const [code, version] = (entity.profileVersion ?? '').split('@');
  const recorded = code && version ? catalog.version(code, version) : undefined;
  // A certificate that recorded no version (or one this hub lacks) gets the version in force at its issue.
  const profile = recorded ?? catalog.resolve(entity.agreement ?? NON_PREFERENTIAL_CODE, entity.issueDateTime ?? entity.createdAt);
  return profile?.matchingQuantityTolerancePercent ?? 0;
}

function itemFacts(entity: CertificateRow, balances: ItemBalance[]): CertificateItemFacts[] {
  const items = Array.isArray(entity.document.items) ? (entity.document.items as DocumentItem[]) : [];
  return items.map((item) => {
    const measure = item.quantity ?? item.grossWeight ?? null;
    const balance = balances.find((b) => b.itemNumber === item.itemNumber);
    // A received document is kept as its issuer signed it: `1006.30` is HS 100630.
    return { itemNumber: item.itemNumber, hsCode: normalizeHsCode(item.hsCode), originCountry: item.originCountry, measure: measure ? { value: measure.value, unit: measure.unit } : null, remaining: balance?.remaining ?? null };
  });
}

/**
 * The certificates a declaration or a prefill is about, among those its audience may use: issued
 * (never a DRAFT) and addressed to the importing customs' country, or naming the consignee. With
 * `lock`, each row is locked (in id order, so concurrent claims queue instead of deadlocking) before
 * its state and ledger are read, so a claim is judged against what remains when it is recorded.
 */
@Injectable()
export class ReceivedCertificateFinder {
  constructor(private readonly ledger: CertificateLedger) {}

  async find(manager: EntityManager, key: CertificateKey, audience: Audience, options: { lock: boolean; catalog: ProfileCatalog }): Promise<FoundCertificate[]> {
    const rows = await this.rows(manager, key, audience, options.lock);
    if (rows.length === 0) return [];
    const history = await this.histories(manager, rows.map((r) => r.id));
    const found: FoundCertificate[] = [];
    for (const row of rows) {
      const balances = await this.ledger.balances(manager, row.id);
      found.push({ row, balances, facts: this.factsOf(row, balances, history.get(row.id) ?? [], options.catalog) });
    }
    return found;
  }

  private async rows(manager: EntityManager, key: CertificateKey, audience: Audience, lock: boolean): Promise<CertificateRow[]> {
    const params: unknown[] = [CertificateStatus.DRAFT];
    const where = ['status <> $1'];
    if ('importCountry' in audience) {
      params.push(audience.importCountry);
      where.push(`import_country = $${params.length}`);
    } else {
      params.push(audience.consigneeId);
      where.push(`consignee_id = $${params.length}`);
    }
    if (key.certificateNumber !== undefined) {
      params.push(key.certificateNumber);
      where.push(`certificate_number = $${params.length}`);
      if (key.issuingAuthority !== undefined) {
        params.push(key.issuingAuthority);
        where.push(`issuing_authority_code = $${params.length}`);
      }
    } else {
      params.push(key.ucr);
      where.push(`ucr = $${params.length}`);
    }
    // Row locks in id order, so two claims on the same certificates queue rather than deadlock.
    return manager.query(`SELECT ${COLUMNS} FROM certificates WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${MAX_CANDIDATES}${lock ? ' FOR UPDATE' : ''}`, params);
  }

  private async histories(manager: EntityManager, ids: string[]): Promise<Map<string, HistoryEvent[]>> {
    const rows: { certificate_id: string; type: string; from_status: string | null; to_status: string | null; occurred_at: Date }[] = await manager.query(
      plannedPerCall('SELECT certificate_id, type, from_status, to_status, occurred_at FROM certificate_events WHERE certificate_id = ANY($1::uuid[]) ORDER BY occurred_at, id'),
      [ids],
    );
    const history = new Map<string, HistoryEvent[]>();
    for (const row of rows) {
      history.set(row.certificate_id, [...(history.get(row.certificate_id) ?? []), { type: row.type, fromStatus: row.from_status, toStatus: row.to_status, occurredAt: row.occurred_at }]);
    }
    return history;
  }

  private factsOf(entity: CertificateRow, balances: ItemBalance[], history: HistoryEvent[], catalog: ProfileCatalog): CandidateFacts {
    return {
      id: entity.id,
      certificateNumber: entity.certificateNumber,
      issuingAuthority: entity.issuingAuthority,
      copyNumber: entity.copyNumber,
      ucr: entity.ucr,
      consigneeId: entity.consigneeId,
      agreement: entity.agreement,
      preferential: entity.preferential,
      issueDateTime: entity.issueDateTime,
      expiresAt: entity.expiresAt,
      status: entity.status,
      importStatus: entity.importStatus,
      history,
      items: itemFacts(entity, balances),
      tolerancePercent: tolerancePercent(entity, catalog),
    };
  }
}
