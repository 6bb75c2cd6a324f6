import { Injectable } from '@nestjs/common';
import { canonicalize } from 'json-canonicalize';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { Clock } from '../../core/clock/clock';
import { StatementBatcher } from '../../core/database/statement-batcher';
import { MetricsService } from '../../core/metrics/metrics.service';

export interface VerificationLogEntry {
  verifiedAt: Date;
  caller: string;
  method: string;
  answerScope: string;
  certificateId: string | null;
  issuingAuthorityCode: string | null;
  certificateNumber: string | null;
  verdict: string;
  reasons: string[];
  /**
   * The label of the verification in the count of verifications answered (ecoo_verifications_total):
   * the certificate's agreement, NON_PREFERENTIAL when it has none, UNKNOWN when no certificate was
   * found. Not stored: the entry names the certificate.
   */
  agreement: string;
  // A full answer about a certificate to anyone but its issuer is a read of it, audited like any other.
  auditedRead?: { actor: string; certificateId: string; certificateNumber: string };
}

const MAX_TEXT = 35;

// A claimed number or code longer than the columns is not stored as is: it names no certificate.
const fit = (value: string | null): string | null => (value !== null && value.length <= MAX_TEXT ? value : null);

/**
 * The entries of a group and the audit entries of its audited reads, in one statement that commits
 * on its own. Its text does not depend on the group's size (each column is one array), so it is
 * prepared once per connection; the rows only pass through unnest, no table is joined, so one plan
 * fits every size.
 */
const LOG_GROUP = `WITH entry AS (
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
    AS e(verified_at, caller, method, answer_scope, certificate_id, issuing_authority_code, certificate_number, verdict, reasons, read_actor, read_entity, read_payload)
), audited AS (
  INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload)
  SELECT gen_random_uuid(), $13::timestamptz, e.read_actor, $14::text, 'certificate', e.read_entity, e.read_payload FROM entry e WHERE e.read_actor IS NOT NULL
)
INSERT INTO verifications (verified_at, caller, method, answer_scope, certificate_id, issuing_authority_code, certificate_number, verdict, reasons)
SELECT e.verified_at, e.caller, e.method, e.answer_scope, e.certificate_id, e.issuing_authority_code, e.certificate_number, e.verdict, e.reasons::jsonb FROM entry e`;

/**
 * Concurrent verifications are logged together: a verification's entry joins the statement that
 * goes out next (StatementBatcher), so while two statements are in flight the answers finished
 * meanwhile gather behind them. Each answer still waits until its own entry is committed, so every
 * verification answered is logged durably first; a lone one goes out at once. One commit for a
 * group, where each verification cost a statement and a commit of its own (issue 14: the log was
 * most of what PostgreSQL spent on a warm verification).
 */
const GROUP = { maxItems: 500, maxInFlight: 2 } as const;

/**
 * Appends every verification answered, and audits full answers given to others than the issuer.
 * Counts them too, once committed, by verdict and agreement (ecoo_verifications_total, this process's
 * since it started; `npm start` sums its processes): the log is the hub's busiest table, and a
 * gauge counting it from PostgreSQL read all of it, joined to the certificates, every 30 seconds in
 * every process.
 */
@Injectable()
export class VerificationLog {
  private readonly entries = new StatementBatcher((group: VerificationLogEntry[]) => this.write(group), GROUP);
  private readonly answered: Counter<'verdict' | 'agreement'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.answered = new Counter({
      name: 'ecoo_verifications_total',
      help: 'Verifications answered and logged by this process since it started, by verdict and agreement (UNKNOWN: no certificate found)',
      labelNames: ['verdict', 'agreement'],
      registers: [metrics.registry],
    });
  }

  /** Resolves once the entry (and its audited read's entry) is committed; fails as its group's statement fails. */
  record(entry: VerificationLogEntry): Promise<void> {
    return this.entries.add(entry);
  }

  private async write(group: VerificationLogEntry[]): Promise<void[]> {
    const column = <T>(of: (entry: VerificationLogEntry) => T): T[] => group.map(of);
    await this.dataSource.query(LOG_GROUP, [
      column((e) => e.verifiedAt),
      column((e) => e.caller.slice(0, 100)),
      column((e) => e.method),
      column((e) => e.answerScope),
      column((e) => e.certificateId),
      column((e) => fit(e.issuingAuthorityCode)),
      column((e) => fit(e.certificateNumber)),
      column((e) => e.verdict),
      column((e) => JSON.stringify(e.reasons)),
      column((e) => e.auditedRead?.actor ?? null),
      column((e) => e.auditedRead?.certificateId ?? null),
      // The read's details as the unit of work's audit entries carry them: canonical JSON (RFC 8785).
      column((e) => (e.auditedRead ? canonicalize({ certificateNumber: e.auditedRead.certificateNumber, via: 'verification' }) : null)),
      this.clock.now(),
      AuditAction.CERTIFICATE_READ,
    ]);
    for (const entry of group) this.answered.inc({ verdict: entry.verdict, agreement: entry.agreement });
    return group.map(() => undefined);
  }
}
