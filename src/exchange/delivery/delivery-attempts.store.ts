import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { hubConfig } from '../../core/config/hub.config';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { StatementBatcher } from '../../core/database/statement-batcher';
import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { AttemptDecision, decideAfterAttempt } from '../domain/attempt-decision';
import { CircuitState } from '../domain/circuit-breaker';
import { DeliveryAction, deliveryTransition } from '../domain/delivery-lifecycle';
import { AttemptOutcome, DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { nodeKeyWaitError } from '../domain/delivery-error-code';
import { Envelope, unsignedPart } from '../domain/envelope';
import { DeliveryMode } from '../domain/delivery-mode';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { Classification, RetrySchedule } from '../domain/retry-policy';
import { DeliveryJobData } from '../outbox/delivery-queues';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { CircuitBreakerStore } from './circuit-breaker.store';
import { DeliveryPartner, LockedDeliveryRow, SettlingRow, circuitOf, partnerOf } from './delivery-attempt.rows';
import { OutboundTokens } from './outbound-tokens';

// How long a delivery without a node key waits before its job looks again: a key stored meanwhile is
// used within this long.
export const NODE_KEY_RETRY_MS = 5000;

// A recipient served by this hub has no partner settings: a modest budget of its own.
export const LOCAL_POLICY = { maxAttempts: 10, schedule: { baseDelayMs: 1000, maxDelayMs: 60_000 }, timeoutMs: 10_000 };

export interface StartedAttempt {
  attemptId: string;
  deliveryId: string;
  generation: number;
  /** The attempt's number in its generation. */
  number: number;
  envelope: Envelope;
  startedAt: Date;
  route: DeliveryRoute;
  partner: DeliveryPartner | null;
  bearerToken?: string;
  timeoutMs: number;
}

export type AttemptStart =
  | { kind: 'SKIP'; reason: string }
  | { kind: 'WAIT'; reason: string; delayMs: number }
  | { kind: 'SETTLED'; status: DeliveryStatus; reason: string }
  | { kind: 'SEND'; attempt: StartedAttempt };

export type AttemptFinish = { kind: 'STALE' } | ({ kind: 'DECIDED' } & AttemptDecision);

// A delivery with what an attempt needs of its partner and circuit (none for a local recipient).
const SELECT_DELIVERY = `SELECT d.id, d.generation, d.status, d.attempts, d.route, d.envelope, d.last_error, d.recipient_country,
         p.id AS partner_id, p.code, p.endpoint_url, p.paused, p.active, p.countries, p.delivery_mode, p.max_attempts, p.base_delay_ms, p.max_delay_ms, p.timeout_ms,
         p.breaker_failure_threshold, p.breaker_cooldown_ms, p.outbound_token_sealed, p.outbound_token_master_key_id, p.pool_connections, p.receipts, p.node_certificate_sha256,
         c.state AS circuit_state, c.consecutive_failures, c.opened_at, c.probe_until
    FROM deliveries d
    LEFT JOIN partners p ON p.id = d.partner_id
    LEFT JOIN partner_circuits c ON c.partner_id = d.partner_id`;

/**
 * The common case of `begin`, for a group of jobs in one statement: count the attempt and record it
 * as in flight for each delivery that is PENDING in the job's generation, its partner not paused, its
 * budget not spent and its circuit closed, the partner active and still serving the destination, and
 * its envelope signed (a LOCAL one is never signed: OutboxService.row).
 * A narrower test than the lifecycle's (domain/delivery-lifecycle.ts, domain/circuit-breaker.ts):
 * whatever it lets through, they would let through; a job it does not return goes to them, on the
 * locked path. Rows are locked in id order, so two groups never wait on each other in a cycle.
 * Returns each delivery counted with its partner.
 * Planned per call, as the acknowledgement, although planning costs PostgreSQL more than running it
 * (0.5 ms against 0.3 ms a call in groups of 1.8 deliveries, pg_stat_statements under issue 14's
 * create + issue load). Named, with the connection re-planning as its calls doubled (ReplanSchedule),
 * it ran 0.43, 0.69 and 0.96 ms a call in three consecutive 10-second windows as deliveries grew, and
 * went back to custom plans when re-planned; the acknowledgement took custom plans from the second
 * window on. Neither saved anything over six windows.
 */
const BEGIN_CLOSED_CIRCUIT = plannedPerCall(`WITH jobs AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $4::timestamptz[]) AS j(id, generation, started_at)
       ), due AS (
         SELECT d.id, jobs.started_at FROM deliveries d
           JOIN jobs ON jobs.id = d.id AND jobs.generation = d.generation
           LEFT JOIN partners p ON p.id = d.partner_id
           LEFT JOIN partner_circuits c ON c.partner_id = d.partner_id
          WHERE d.status = '${DeliveryStatus.PENDING}'
            AND (d.route = '${DeliveryRoute.LOCAL}' OR d.envelope->'signature' IS NOT NULL)
            AND (p.id IS NULL OR (NOT p.paused AND p.active AND p.delivery_mode = 'PUSH' AND d.recipient_country = ANY(p.countries)))
            AND d.attempts < COALESCE(p.max_attempts, $3)
            AND (c.partner_id IS NULL OR c.state = '${CircuitState.CLOSED}')
          ORDER BY d.id
            FOR UPDATE OF d
       ), counted AS (
         UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = NULL, updated_at = now() FROM due WHERE d.id = due.id
         RETURNING d.id, d.generation, d.attempts, d.route, d.envelope, d.partner_id, due.started_at
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome)
         SELECT id, generation, attempts, started_at, '${AttemptOutcome.IN_FLIGHT}' FROM counted RETURNING id, delivery_id
       )
       SELECT counted.id, counted.generation, counted.attempts, counted.route, counted.envelope, attempt.id AS attempt_id,
              p.id AS partner_id, p.code, p.endpoint_url, p.paused, p.max_attempts, p.base_delay_ms, p.max_delay_ms, p.timeout_ms,
              p.breaker_failure_threshold, p.breaker_cooldown_ms, p.outbound_token_sealed, p.outbound_token_master_key_id, p.pool_connections, p.receipts, p.node_certificate_sha256
         FROM counted JOIN attempt ON attempt.delivery_id = counted.id LEFT JOIN partners p ON p.id = counted.partner_id`);

/**
 * BEGIN_CLOSED_CIRCUIT for the jobs of the local queue: a delivery to a recipient served by this hub
 * has no partner, circuit or signature to check, so the statement joins nothing else to the
 * deliveries. PostgreSQL planned it in about 0.13 ms against 0.26 ms (EXPLAIN SUMMARY, warm
 * connection), and it is planned for every group. A job whose delivery is not LOCAL goes to the
 * locked path, as any job this statement does not return.
 */
const BEGIN_LOCAL = plannedPerCall(`WITH due AS (
         SELECT d.id, j.started_at FROM unnest($1::uuid[], $2::int[], $4::timestamptz[]) AS j(id, generation, started_at)
           JOIN deliveries d ON d.id = j.id AND d.generation = j.generation
          WHERE d.status = '${DeliveryStatus.PENDING}' AND d.route = '${DeliveryRoute.LOCAL}' AND d.attempts < $3
          ORDER BY d.id
            FOR UPDATE OF d
       ), counted AS (
         UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = NULL, updated_at = now() FROM due WHERE d.id = due.id
         RETURNING d.id, d.generation, d.attempts, d.route, d.envelope, due.started_at
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome)
         SELECT id, generation, attempts, started_at, '${AttemptOutcome.IN_FLIGHT}' FROM counted RETURNING id, delivery_id
       )
       SELECT counted.id, counted.generation, counted.attempts, counted.route, counted.envelope, attempt.id AS attempt_id
         FROM counted JOIN attempt ON attempt.delivery_id = counted.id`);

/**
 * The local relay's claim (LocalDeliveryRelay): up to $2 LOCAL deliveries PENDING and due at $1, the
 * oldest first, skipping rows another claim holds. Those under the budget ($3) are counted and their
 * attempts recorded as in flight, as BEGIN_LOCAL does, and are leased: due again at $1 + $4 ms if no
 * outcome is recorded by then (their worker died mid-attempt), which the acknowledgement clears and a
 * retry's backoff replaces. Those over it come back uncounted for the locked path to give up. The
 * index of PENDING deliveries by partner (ix_deliveries_pending_partner) serves `partner_id IS NULL`.
 */
const CLAIM_LOCAL = plannedPerCall(`WITH due AS (
         SELECT d.id, d.generation FROM deliveries d
          WHERE d.partner_id IS NULL AND d.status = '${DeliveryStatus.PENDING}' AND d.route = '${DeliveryRoute.LOCAL}'
            AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $1)
          ORDER BY d.created_at, d.id
          LIMIT $2
            FOR UPDATE SKIP LOCKED
       ), counted AS (
         UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $4::int / 1000.0), updated_at = now()
           FROM due WHERE d.id = due.id AND d.attempts < $3
         RETURNING d.id, d.attempts, d.route, d.envelope
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome)
         SELECT counted.id, due.generation, counted.attempts, $1, '${AttemptOutcome.IN_FLIGHT}' FROM counted JOIN due ON due.id = counted.id RETURNING id, delivery_id
       )
       SELECT due.id, due.generation, counted.attempts, counted.route, counted.envelope, attempt.id AS attempt_id
         FROM due LEFT JOIN counted ON counted.id = due.id LEFT JOIN attempt ON attempt.delivery_id = due.id
        ORDER BY due.id`);

/**
 * Acknowledgements of a group of attempts in one statement: the attempts, the answers on their
 * partners' circuits, and each delivery settled if it is still its attempt's generation and PENDING
 * (what the row lock checks on the locked path). Returns the deliveries settled.
 */
function acknowledgeStatement(answered: string): string {
  return plannedPerCall(`WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::int[], $5::uuid[], $6::int[], $7::varchar[], $8::jsonb[])
           AS v(attempt_id, finished_at, outcome, http_status, delivery_id, generation, status, acknowledgement)
       ), recorded AS (
         UPDATE delivery_attempts a SET finished_at = v.finished_at, outcome = v.outcome, http_status = v.http_status, error = NULL, retry_after_ms = NULL
           FROM v WHERE a.id = v.attempt_id
       ), answered AS (${answered}), settled AS (
         UPDATE deliveries d SET status = v.status, last_error = NULL, next_attempt_at = NULL, acknowledgement = v.acknowledgement, acknowledged_at = v.finished_at, updated_at = now()
           FROM v WHERE d.id = v.delivery_id AND d.generation = v.generation AND d.status = '${DeliveryStatus.PENDING}'
         RETURNING d.id
       )
       SELECT id FROM settled`);
}

// How many jobs' statements are grouped, and how many groups go at once (each on a pool connection).
const GROUP = { maxItems: 500, maxInFlight: 2 } as const;

interface BeginItem {
  job: DeliveryJobData;
  now: Date;
}

interface AcknowledgeItem {
  started: StartedAttempt;
  httpStatus: number | null;
  decision: AttemptDecision;
  now: Date;
}

// The outcome of an attempt; its parameters are attemptValues().
const RECORD_ATTEMPT = 'UPDATE delivery_attempts SET finished_at = $2, outcome = $3, http_status = $4, error = $5, retry_after_ms = $6 WHERE id = $1';

function attemptValues(started: StartedAttempt, classification: Classification, decision: AttemptDecision, now: Date): unknown[] {
  return [
    started.attemptId,
    now,
    decision.outcome,
    'httpStatus' in classification ? (classification.httpStatus ?? null) : null,
    decision.error ?? null,
    classification.kind === 'RETRY' ? (classification.retryAfterMs ?? null) : null,
  ];
}

function policyOf(partner: DeliveryPartner | null): { maxAttempts: number; schedule: RetrySchedule } {
  return partner ? { maxAttempts: partner.maxAttempts, schedule: { baseDelayMs: partner.baseDelayMs, maxDelayMs: partner.maxDelayMs } } : LOCAL_POLICY;
}

/**
 * The PostgreSQL side of an attempt, in two short steps around the call (never a transaction held
 * open across it): `begin` checks the delivery is still due, the partner not paused, the circuit
 * closed, and counts the attempt before it is made; `finish` records its outcome and moves the
 * delivery. This is the hot path of transmission: in the common case each step is one statement
 * (a delivery and an acknowledgement, two round trips); anything else goes through a transaction
 * that locks the delivery and lets the domain rules decide.
 */
@Injectable()
export class DeliveryAttemptsStore {
  private readonly begins = new StatementBatcher((items: BeginItem[]) => this.beginGroup(BEGIN_CLOSED_CIRCUIT, items), GROUP);
  private readonly localBegins = new StatementBatcher((items: BeginItem[]) => this.beginGroup(BEGIN_LOCAL, items), GROUP);
  private readonly acknowledgements = new StatementBatcher((items: AcknowledgeItem[]) => this.acknowledgeGroup(items), GROUP);

  constructor(
    private readonly dataSource: DataSource,
    private readonly circuits: CircuitBreakerStore,
    private readonly signer: EnvelopeSigner,
    private readonly tokens: OutboundTokens,
    @Inject(hubConfig.KEY) private readonly hub: ConfigType<typeof hubConfig>,
  ) {}

  /** `queue`: the local queue's jobs are begun by a statement of their own (BEGIN_LOCAL). */
  async begin(job: DeliveryJobData, now: Date, queue: DeliveryRoute = DeliveryRoute.PARTNER): Promise<AttemptStart> {
    const counted = await (queue === DeliveryRoute.LOCAL ? this.localBegins : this.begins).add({ job, now });
    if (counted) return this.sending(counted, counted.attempt_id, counted.attempts, now);
    return this.dataSource.transaction(async (manager) => {
      const [row]: LockedDeliveryRow[] = await manager.query(`${SELECT_DELIVERY} WHERE d.id = $1 FOR UPDATE OF d`, [job.deliveryId]);
      return this.start(manager, row, job, now);
    });
  }

  /**
   * The local relay's claim (CLAIM_LOCAL): the attempts started, each leased for `leaseMs`, and the
   * deliveries due whose budget is spent, to be begun on the locked path (which gives them up).
   */
  async claimLocal(now: Date, limit: number, leaseMs: number): Promise<{ started: StartedAttempt[]; spent: DeliveryJobData[] }> {
    const rows: (Pick<LockedDeliveryRow, 'id' | 'generation' | 'attempts' | 'route' | 'envelope'> & { attempt_id: string | null })[] = await this.dataSource.query(CLAIM_LOCAL, [
      now,
      limit,
      LOCAL_POLICY.maxAttempts,
      leaseMs,
    ]);
    const started: StartedAttempt[] = [];
    const spent: DeliveryJobData[] = [];
    for (const row of rows) {
      if (row.attempt_id === null) spent.push({ deliveryId: row.id, generation: row.generation });
      else started.push({ attemptId: row.attempt_id, deliveryId: row.id, generation: row.generation, number: row.attempts, envelope: row.envelope, startedAt: now, route: row.route, partner: null, timeoutMs: LOCAL_POLICY.timeoutMs });
    }
    return { started, spent };
  }

  /** The common case of `begin` for a group of jobs; undefined for a job it leaves to the locked path. */
  private async beginGroup(statement: string, items: BeginItem[]): Promise<((LockedDeliveryRow & { attempt_id: string }) | undefined)[]> {
    // A delivery twice in one group (a job run again while its first run still goes): the second one takes the locked path.
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      if (!first.has(item.job.deliveryId)) first.set(item.job.deliveryId, i);
    });
    const unique = [...first.values()].map((i) => items[i]);
    const rows: (LockedDeliveryRow & { attempt_id: string })[] = await this.dataSource.query(statement, [
      unique.map((item) => item.job.deliveryId),
      unique.map((item) => item.job.generation),
      LOCAL_POLICY.maxAttempts,
      unique.map((item) => item.now),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return items.map((item, i) => (first.get(item.job.deliveryId) === i ? byId.get(item.job.deliveryId) : undefined));
  }

  /** Acknowledgements of a group of attempts: true for each that settled its delivery. */
  private async acknowledgeGroup(items: AcknowledgeItem[]): Promise<boolean[]> {
    // In delivery id order, like `begin`, so groups lock rows in one order.
    const sorted = [...items].sort((a, b) => (a.started.deliveryId < b.started.deliveryId ? -1 : a.started.deliveryId > b.started.deliveryId ? 1 : 0));
    const partners = [...new Set(items.flatMap((item) => (item.started.partner ? [item.started.partner.id] : [])))];
    const answered = partners.length > 0 ? this.circuits.answeredStatementForAny('$9') : 'SELECT 1';
    const params: unknown[] = [
      sorted.map((item) => item.started.attemptId),
      sorted.map((item) => item.now),
      sorted.map((item) => item.decision.outcome),
      sorted.map((item) => item.httpStatus),
      sorted.map((item) => item.started.deliveryId),
      sorted.map((item) => item.started.generation),
      sorted.map((item) => item.decision.status),
      sorted.map((item) => JSON.stringify(item.decision.acknowledgement)),
    ];
    if (partners.length > 0) params.push(partners);
    const settled: { id: string }[] = await this.dataSource.query(acknowledgeStatement(answered), params);
    const ids = new Set(settled.map((row) => row.id));
    return items.map((item) => ids.has(item.started.deliveryId));
  }

  /** The lifecycle's decision before a call, on the delivery locked by the caller's transaction. */
  private async start(manager: EntityManager, row: LockedDeliveryRow | undefined, job: DeliveryJobData, now: Date): Promise<AttemptStart> {
    if (!row) return { kind: 'SKIP', reason: 'no such delivery' };
    if (row.generation !== job.generation) return { kind: 'SKIP', reason: `generation ${job.generation} was superseded by ${row.generation}` };
    if (row.status !== DeliveryStatus.PENDING) return { kind: 'SKIP', reason: `the delivery is ${row.status}` };
    const partner = partnerOf(row);
    if (partner && (!row.active || !(row.countries ?? []).includes(row.recipient_country))) {
      // Deactivated, or the route removed, after the job was queued: nothing more goes to it.
      const unroute = deliveryTransition(row.status, DeliveryAction.UNROUTE, { attempts: row.attempts, maxAttempts: 0 });
      const reason = row.active ? `partner ${partner.code} no longer serves ${row.recipient_country}` : `partner ${partner.code} was deactivated`;
      if (unroute.ok) await manager.query('UPDATE deliveries SET status = $2, last_error = $3, next_attempt_at = NULL, updated_at = now() WHERE id = $1', [row.id, unroute.to, reason]);
      return { kind: 'SETTLED', status: DeliveryStatus.UNROUTABLE, reason };
    }
    // Resuming the partner enqueues what waited; until then there is no job to keep.
    if (partner?.paused) return { kind: 'SKIP', reason: `partner ${partner.code} is paused` };
    // Its envelopes wait to be pulled (exchange/pull/); switching it to PUSH enqueues them again.
    if (partner && row.delivery_mode === DeliveryMode.PULL) return { kind: 'SKIP', reason: `partner ${partner.code} pulls its envelopes` };
    const policy = policyOf(partner);
    const giveUp = deliveryTransition(row.status, DeliveryAction.GIVE_UP, { attempts: row.attempts, maxAttempts: policy.maxAttempts });
    if (giveUp.ok) {
      // The last attempt never finished (its worker died mid-call), or the budget was lowered.
      const error = `${row.last_error ?? 'no answer recorded'}; the retry budget of ${policy.maxAttempts} attempts is spent`;
      await manager.query('UPDATE deliveries SET status = $2, last_error = $3, next_attempt_at = NULL, updated_at = now() WHERE id = $1', [row.id, giveUp.to, error]);
      return { kind: 'SETTLED', status: giveUp.to, reason: error };
    }
    if (row.route !== DeliveryRoute.LOCAL && !(row.envelope as Partial<Envelope>).signature) {
      // Written unsigned, for want of a node key (OutboxService.row): signed now if there is one,
      // else it waits, PENDING, its retry budget untouched, and says why. A LOCAL envelope is handed
      // over in this process and needs no signature.
      const signed = await this.signWaiting(manager, row, now);
      if (!signed.ok) return { kind: 'WAIT', reason: signed.reason, delayMs: NODE_KEY_RETRY_MS };
      row.envelope = signed.envelope;
    }
    if (partner) {
      const permission = await this.circuits.permit(manager, partner, now, circuitOf(row));
      if (!permission.allowed) {
        await manager.query('UPDATE deliveries SET next_attempt_at = $2, updated_at = now() WHERE id = $1', [row.id, permission.retryAt]);
        return { kind: 'WAIT', reason: `${permission.reason} for partner ${partner.code}`, delayMs: Math.max(0, permission.retryAt.getTime() - now.getTime()) };
      }
    }
    const number = row.attempts + 1;
    // Counted before the call, in the statement that records the attempt as in flight.
    const [attempt]: { id: string }[] = await manager.query(
      `WITH counted AS (UPDATE deliveries SET attempts = $2, next_attempt_at = NULL, updated_at = now() WHERE id = $1)
       INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome) VALUES ($1, $3, $2, $4, $5) RETURNING id`,
      [row.id, number, row.generation, now, AttemptOutcome.IN_FLIGHT],
    );
    return this.sending(row, attempt.id, number, now);
  }

  /** Signs a delivery's unsigned envelope on the locked row, or records why it cannot yet (NODE_KEY_UNAVAILABLE). */
  private async signWaiting(manager: EntityManager, row: LockedDeliveryRow, now: Date): Promise<{ ok: true; envelope: Envelope } | { ok: false; reason: string }> {
    try {
      const envelope = await this.signer.sign(manager, { ...unsignedPart(row.envelope), to: row.envelope.to });
      await manager.query('UPDATE deliveries SET envelope = $2, last_error = NULL, updated_at = now() WHERE id = $1', [row.id, JSON.stringify(envelope)]);
      return { ok: true, envelope };
    } catch (error) {
      if (!(error instanceof ExchangeError) || error.code !== ExchangeErrorCode.NODE_KEY_UNAVAILABLE) throw error;
      const reason = nodeKeyWaitError(error.message);
      await manager.query('UPDATE deliveries SET last_error = $2, next_attempt_at = $3, updated_at = now() WHERE id = $1', [
        row.id,
        reason,
        new Date(now.getTime() + NODE_KEY_RETRY_MS),
      ]);
      return { ok: false, reason };
    }
  }

  private sending(row: LockedDeliveryRow, attemptId: string, number: number, now: Date): AttemptStart {
    const partner = partnerOf(row);
    return {
      kind: 'SEND',
      attempt: {
        attemptId,
        deliveryId: row.id,
        generation: row.generation,
        number,
        envelope: row.envelope,
        startedAt: now,
        route: row.route,
        partner,
        bearerToken: partner?.outboundTokenSealed ? this.tokens.open(partner.outboundTokenSealed, partner.outboundTokenMasterKeyId, MasterKeyRing.of(this.hub), partner.code) : undefined,
        timeoutMs: partner?.timeoutMs ?? LOCAL_POLICY.timeoutMs,
      },
    };
  }

  /**
   * An acknowledgement, the common case, is recorded in one statement: the attempt, the answer on
   * the partner's circuit, and the delivery settled if it is still this generation's and PENDING
   * (what the row lock checks on the locked path). Its decision depends on nothing but the answer.
   */
  async finish(started: StartedAttempt, classification: Classification, now: Date): Promise<AttemptFinish> {
    if (classification.kind !== 'ACKNOWLEDGED') return this.finishLocked(started, classification, now);
    const policy = policyOf(started.partner);
    const decision = decideAfterAttempt({
      classification,
      attempts: started.number,
      maxAttempts: policy.maxAttempts,
      schedule: policy.schedule,
      now,
      random: Math.random,
      envelope: { createdAt: started.envelope.createdAt, sentAt: started.startedAt, earlierCreatedAt: [] },
    });
    const httpStatus = classification.httpStatus ?? null;
    // Grouped with the other acknowledgements of this moment; the job ends once it is written.
    const settled = await this.acknowledgements.add({ started, httpStatus, decision, now });
    return settled ? { kind: 'DECIDED', ...decision } : { kind: 'STALE' };
  }

  private finishLocked(started: StartedAttempt, classification: Classification, now: Date): Promise<AttemptFinish> {
    return this.dataSource.transaction(async (manager): Promise<AttemptFinish> => {
      const [row]: SettlingRow[] = await manager.query(
        `SELECT d.status, d.generation, d.attempts, d.earlier_created_at,
                (SELECT count(*)::int FROM delivery_attempts a
                  WHERE a.delivery_id = d.id AND a.generation = d.generation AND a.error LIKE 'receipt invalid %') AS receipt_failures,
                c.state AS circuit_state, c.consecutive_failures, c.opened_at, c.probe_until
           FROM deliveries d LEFT JOIN partner_circuits c ON c.partner_id = d.partner_id
          WHERE d.id = $1
            FOR UPDATE OF d`,
        [started.deliveryId],
      );
      const policy = policyOf(started.partner);
      const decision = decideAfterAttempt({
        classification,
        attempts: row?.attempts ?? 1,
        maxAttempts: policy.maxAttempts,
        schedule: policy.schedule,
        now,
        random: Math.random,
        envelope: { createdAt: started.envelope.createdAt, sentAt: started.startedAt, earlierCreatedAt: row?.earlier_created_at ?? [] },
        receiptFailures: row?.receipt_failures ?? 0,
      });
      if (started.partner) await this.circuits.record(manager, started.partner, classification.kind === 'RETRY' ? 'FAILED' : 'ANSWERED', now, row ? circuitOf(row) : undefined);
      const attempt = attemptValues(started, classification, decision, now);
      // Another attempt settled it meanwhile, or the operator started a new generation.
      if (!row || row.status !== DeliveryStatus.PENDING || row.generation !== started.generation) {
        await manager.query(RECORD_ATTEMPT, attempt);
        return { kind: 'STALE' };
      }
      // The same generation, so the envelope on the row is the one this attempt sent.
      const refreshed = decision.refresh && (await this.signer.sign(manager, { ...unsignedPart(started.envelope), to: started.envelope.to, createdAt: decision.refresh.createdAt }));
      await manager.query(
        `WITH recorded AS (${RECORD_ATTEMPT})
         UPDATE deliveries SET status = $8, last_error = $5, next_attempt_at = $9,
                acknowledgement = COALESCE($10::jsonb, acknowledgement), acknowledged_at = CASE WHEN $10::jsonb IS NULL THEN acknowledged_at ELSE $2 END,
                envelope = COALESCE($11::jsonb, envelope), earlier_created_at = COALESCE($12::jsonb, earlier_created_at), updated_at = now()
          WHERE id = $7`,
        [
          ...attempt,
          started.deliveryId,
          decision.status,
          decision.retryAt ?? null,
          decision.acknowledgement ? JSON.stringify(decision.acknowledgement) : null,
          refreshed ? JSON.stringify(refreshed) : null,
          decision.refresh ? JSON.stringify(decision.refresh.earlierCreatedAt) : null,
        ],
      );
      return { kind: 'DECIDED', ...decision };
    });
  }
}
