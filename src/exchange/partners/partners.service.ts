import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { Clock } from '../../core/clock/clock';
import { Tx, UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { hubConfig } from '../../core/config/hub.config';
import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { OutboundHttp } from '../../core/http/outbound/outbound-http';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { RequestError } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import { NodeCertificateCheck } from '../../pki/services/node-certificate-check.service';
import { DeliveryStatus } from '../domain/delivery-status';
import { OutboundAuthType } from '../domain/outbound-auth';
import { PartnerView, RegisteredPartnerView } from '../dto/partner.view';
import { DeliverySettingsDto, OutboundAuthDto, PartnerRouteDto, RegisterPartnerDto } from '../dto/register-partner.dto';
import { UpdatePartnerDto } from '../dto/update-partner.dto';
import { PartnerCircuitEntity } from '../entities/partner-circuit.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { PartnerNodeCertificateEntity } from '../entities/partner-node-certificate.entity';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { DeliveryDispatcher } from '../outbox/delivery-dispatcher';
import { generateInboundToken } from './inbound-token';
import { readNodeCertificate } from './node-certificate';
import { PARTNER_DEFAULTS } from './partner-defaults';
import { sealPartnerSecret } from './partner-secret-box';
import { toPartnerView } from './partner.view-mapper';
import { PartnerQueues } from './partner-queues';
import { DeliveryMode } from '../domain/delivery-mode';
import { PullSchedules } from '../pull/pull-schedules';
import { ChangeNotices } from '../../core/database/change-notices/change-notices';
import { PARTNERS_TOPIC } from '../outbox/outbox.service';

// A validated DTO instance carries its absent optional fields as undefined; they must not override.
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The operator's registry of partner hubs and the routes they serve; every change is audited. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
    @InjectRepository(PartnerCircuitEntity) private readonly circuits: Repository<PartnerCircuitEntity>,
    @Inject(hubConfig.KEY) private readonly hub: ConfigType<typeof hubConfig>,
    private readonly queues: PartnerQueues,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly nodeCertificates: NodeCertificateCheck,
    private readonly outbound: OutboundHttp,
    private readonly clock: Clock,
    private readonly pulls: PullSchedules,
    private readonly notices: ChangeNotices,
  ) {}

  async register(dto: RegisterPartnerDto, actor: string): Promise<RegisteredPartnerView> {
    this.checkRegistration(dto);
    const retry = { ...PARTNER_DEFAULTS, ...definedOnly(dto.retry) };
    const inbound = generateInboundToken();
    try {
      const saved = await this.uow.run(async (tx) => {
        this.forgetRoutingOnCommit(tx);
        const manager = tx.manager;
        await this.checkNodeCertificate(manager, dto.nodeCertificate);
        const partner = await manager.save(
          manager.create(PartnerEntity, {
            code: dto.code,
            name: dto.name.normalize('NFC'),
            endpointUrl: dto.endpointUrl ?? null,
            deliveryMode: dto.deliveryMode ?? DeliveryMode.PUSH,
            maxAgeMs: retry.maxAgeMs,
            ...(dto.pullFrom && { pullFromUrl: dto.pullFrom.url, pullEveryMs: dto.pullFrom.everyMs ?? PARTNER_DEFAULTS.pullEveryMs }),
            ...this.routeColumns(dto.routes),
            messageTypes: [...dto.messageTypes].sort(),
            renditions: [...(dto.renditions ?? [])].sort(),
            receipts: dto.receipts ?? ReceiptPolicy.SIGNED,
            ...this.outboundColumns(dto.outboundAuth, dto.code),
            inboundTokenPrefix: inbound.prefix,
            inboundTokenHash: inbound.secretHash,
            ...this.certificateColumns(dto.nodeCertificate),
            maxAttempts: retry.maxAttempts,
            baseDelayMs: retry.baseDelayMs,
            maxDelayMs: retry.maxDelayMs,
            timeoutMs: dto.timeoutMs ?? PARTNER_DEFAULTS.timeoutMs,
            breakerFailureThreshold: dto.circuitBreaker?.failureThreshold ?? PARTNER_DEFAULTS.failureThreshold,
            breakerCooldownMs: dto.circuitBreaker?.cooldownMs ?? PARTNER_DEFAULTS.cooldownMs,
            ...this.deliveryColumns(dto.delivery, { deliveryConcurrency: PARTNER_DEFAULTS.deliveryConcurrency, poolConnections: PARTNER_DEFAULTS.poolConnections, rateLimitPerSecond: null }),
            paused: dto.paused ?? false,
          }),
        );
        await manager.insert(PartnerCircuitEntity, { partnerId: partner.id });
        await this.keepNodeCertificate(manager, partner);
        tx.add(AUDIT_ENTRY, {
          actor,
          action: AuditAction.PARTNER_REGISTERED,
          entityType: 'partner',
          entityId: partner.code,
          details: { endpointUrl: partner.endpointUrl, deliveryMode: partner.deliveryMode, pullFromUrl: partner.pullFromUrl, routes: partner.routes, messageTypes: partner.messageTypes, receipts: partner.receipts, nodeCertificateSha256: partner.nodeCertificateSha256 },
        });
        return partner;
      });
      this.queues.ensure(saved.id);
      await this.pulls.ensure(saved);
      return { ...toPartnerView(saved, null), inboundToken: inbound.token };
    } catch (error) {
      if (isUniqueViolation(error, 'uq_partners_code')) throw new ExchangeError(ExchangeErrorCode.PARTNER_EXISTS, `Partner ${dto.code} is already registered`);
      throw error;
    }
  }

  async list(): Promise<PartnerView[]> {
    const [partners, circuits] = await Promise.all([this.partners.find({ order: { code: 'ASC' } }), this.circuits.find()]);
    const byPartner = new Map(circuits.map((c) => [c.partnerId, c]));
    return partners.map((p) => toPartnerView(p, byPartner.get(p.id) ?? null));
  }

  /** Active partners whose node certificate fails the checks it would face at registration now. */
  async failingNodeCertificates(now: Date): Promise<{ code: string; problems: string[] }[]> {
    const failing: { code: string; problems: string[] }[] = [];
    for (const partner of await this.partners.find({ where: { active: true }, order: { code: 'ASC' } })) {
      const problems = await this.nodeCertificates.problems(partner.nodeCertificatePem, now);
      if (problems.length > 0) failing.push({ code: partner.code, problems: problems.map((p) => p.code) });
    }
    return failing;
  }

  /** Active partners whose endpoint the outbound policy now refuses (registered before it, or under another configuration). */
  async refusedEndpoints(): Promise<{ code: string; problems: string[] }[]> {
    const partners = await this.partners.find({ where: { active: true }, order: { code: 'ASC' } });
    return partners
      .map((partner) => ({
        code: partner.code,
        problems: [partner.endpointUrl, partner.pullFromUrl].flatMap((url) => (url ? this.outbound.destinationProblems(url).map((p) => p.code) : [])),
      }))
      .filter((partner) => partner.problems.length > 0);
  }

  async get(id: string): Promise<PartnerView> {
    const partner = await this.partners.findOne({ where: { id } });
    if (!partner) throw ExchangeError.partnerNotFound();
    return toPartnerView(partner, await this.circuits.findOne({ where: { partnerId: id } }));
  }

  async update(id: string, dto: UpdatePartnerDto, actor: string): Promise<PartnerView> {
    this.checkRegistration(dto);
    const partner = await this.uow.run(async (tx) => {
      this.forgetRoutingOnCommit(tx);
      const manager = tx.manager;
      const found = await this.lock(manager, id);
      if (dto.nodeCertificate !== undefined) await this.checkNodeCertificate(manager, dto.nodeCertificate);
      const wasPaused = found.paused;
      const wasPull = found.deliveryMode === DeliveryMode.PULL;
      const retry = { maxAttempts: found.maxAttempts, baseDelayMs: found.baseDelayMs, maxDelayMs: found.maxDelayMs, maxAgeMs: found.maxAgeMs, ...definedOnly(dto.retry) };
      if (retry.maxDelayMs < retry.baseDelayMs) {
        throw RequestError.validation([{ ruleId: 'PARTNER-RETRY-001', severity: 'error', path: 'retry.maxDelayMs', message: `retry.maxDelayMs (${retry.maxDelayMs}) must not be below retry.baseDelayMs (${retry.baseDelayMs})` }]);
      }
      Object.assign(found, {
        ...(dto.name !== undefined && { name: dto.name.normalize('NFC') }),
        ...(dto.endpointUrl !== undefined && { endpointUrl: dto.endpointUrl }),
        ...(dto.deliveryMode !== undefined && { deliveryMode: dto.deliveryMode }),
        ...(dto.pullFrom === null && { pullFromUrl: null, pullFailures: 0, pullRetryAt: null }),
        ...(dto.pullFrom && { pullFromUrl: dto.pullFrom.url, pullEveryMs: dto.pullFrom.everyMs ?? found.pullEveryMs, pullFailures: 0, pullRetryAt: null }),
        ...(dto.routes !== undefined && this.routeColumns(dto.routes)),
        ...(dto.messageTypes !== undefined && { messageTypes: [...dto.messageTypes].sort() }),
        ...(dto.renditions !== undefined && { renditions: [...dto.renditions].sort() }),
        ...(dto.receipts !== undefined && { receipts: dto.receipts }),
        ...(dto.outboundAuth !== undefined && this.outboundColumns(dto.outboundAuth, found.code)),
        ...(dto.nodeCertificate !== undefined && this.certificateColumns(dto.nodeCertificate)),
        ...(dto.timeoutMs !== undefined && { timeoutMs: dto.timeoutMs }),
        ...(dto.delivery !== undefined && this.deliveryColumns(dto.delivery, found)),
        ...(dto.paused !== undefined && { paused: dto.paused }),
        ...(dto.active !== undefined && { active: dto.active }),
        maxAttempts: retry.maxAttempts,
        baseDelayMs: retry.baseDelayMs,
        maxDelayMs: retry.maxDelayMs,
        maxAgeMs: retry.maxAgeMs,
        breakerFailureThreshold: dto.circuitBreaker?.failureThreshold ?? found.breakerFailureThreshold,
        breakerCooldownMs: dto.circuitBreaker?.cooldownMs ?? found.breakerCooldownMs,
      });
      if (found.deliveryMode === DeliveryMode.PUSH && !found.endpointUrl) {
        throw RequestError.validation([{ ruleId: 'PARTNER-ENDPOINT-001', severity: 'error', path: 'endpointUrl', message: 'endpointUrl is required for a PUSH partner: give one with deliveryMode PUSH' }]);
      }
      const saved = await manager.save(found);
      if (dto.nodeCertificate !== undefined) await this.keepNodeCertificate(manager, saved);
      const unrouted = await this.unrouteWhatItNoLongerServes(manager, saved);
      // What changed, never the token itself.
      const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.PARTNER_UPDATED,
        entityType: 'partner',
        entityId: saved.code,
        details: { changed, paused: saved.paused, active: saved.active, ...(unrouted > 0 && { deliveriesUnrouted: unrouted }) },
      });
      // What waited while the partner was paused goes out now (after commit, like every enqueue).
      // So does what waited to be pulled, once the partner is sent to again (a lease still running
      // does not hold it: whichever of the pull's acknowledgement and the push's settles it first counts).
      const nowPush = saved.deliveryMode === DeliveryMode.PUSH && !saved.paused;
      if ((wasPaused || wasPull) && nowPush) tx.afterCommit(async () => void (await this.dispatcher.dispatchPendingOf(saved.id)));
      tx.afterCommit(() => this.pulls.ensure(saved));
      return saved;
    });
    return toPartnerView(partner, await this.circuits.findOne({ where: { partnerId: id } }));
  }

  async rotateInboundToken(id: string, actor: string): Promise<RegisteredPartnerView> {
    const inbound = generateInboundToken();
    const partner = await this.uow.run(async (tx) => {
      this.forgetRoutingOnCommit(tx);
      const manager = tx.manager;
      const found = await this.lock(manager, id);
      found.inboundTokenPrefix = inbound.prefix;
      found.inboundTokenHash = inbound.secretHash;
      const saved = await manager.save(found);
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.PARTNER_INBOUND_TOKEN_ROTATED, entityType: 'partner', entityId: saved.code, details: { tokenPrefix: inbound.prefix } });
      return saved;
    });
    return { ...toPartnerView(partner, await this.circuits.findOne({ where: { partnerId: id } })), inboundToken: inbound.token };
  }

  // The earlier certificates stay: receipts signed under them still verify after a rotation.
  private async keepNodeCertificate(manager: EntityManager, partner: PartnerEntity): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PartnerNodeCertificateEntity)
      .values({ partnerId: partner.id, sha256: partner.nodeCertificateSha256, pem: partner.nodeCertificatePem })
      .orIgnore()
      .execute();
  }

  /** This process forgets the routing it kept (OutboxService) as the change commits; the others on its change notice. */
  private forgetRoutingOnCommit(tx: Tx): void {
    tx.afterCommit(async () => this.notices.evict(PARTNERS_TOPIC));
  }

  private async lock(manager: EntityManager, id: string): Promise<PartnerEntity> {
    const found = await manager.createQueryBuilder(PartnerEntity, 'p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    if (!found) throw ExchangeError.partnerNotFound();
    return found;
  }

  /**
   * A deactivated partner, or one that no longer serves a country, takes nothing more: its pending
   * deliveries there become UNROUTABLE in the same transaction (the operator redelivers them once
   * someone serves the destination). The delivery path checks the same again, in the statement that
   * starts an attempt, for a job already running.
   */
  private async unrouteWhatItNoLongerServes(manager: EntityManager, partner: PartnerEntity): Promise<number> {
    const reason = partner.active ? `partner ${partner.code} no longer serves the destination country` : `partner ${partner.code} was deactivated`;
    // For an UPDATE, TypeORM's query() answers [rows, affected count].
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE deliveries SET status = $2, last_error = $3, next_attempt_at = NULL, updated_at = now()
        WHERE partner_id = $1 AND status = $4 AND (NOT $5 OR recipient_country <> ALL($6::char(2)[]))`,
      [partner.id, DeliveryStatus.UNROUTABLE, reason, DeliveryStatus.PENDING, partner.active, partner.countries],
    );
    return count;
  }

  /** A node certificate is checked like an authority's signing certificate (NodeCertificateCheck). */
  private async checkNodeCertificate(manager: EntityManager, pem: string): Promise<void> {
    const problems = await this.nodeCertificates.problems(pem, this.clock.now(), manager);
    if (problems.length > 0) throw RequestError.validation(problems.map((p) => ({ ruleId: p.code, severity: 'error' as const, path: 'nodeCertificate', message: `nodeCertificate: ${p.message}` })));
  }

  /** The routes and the endpoint, with every problem of either in one 422. */
  private checkRegistration(dto: { routes?: PartnerRouteDto[]; endpointUrl?: string; pullFrom?: { url: string } | null }): void {
    const problems = [...this.routeProblems(dto.routes ?? [], 'routes'), ...this.endpointProblems(dto.endpointUrl), ...this.endpointProblems(dto.pullFrom?.url, 'pullFrom.url')];
    if (problems.length > 0) throw RequestError.validation(problems);
  }

  // The outbound policy (core/http/outbound): https under production, no loopback, link-local or
  // metadata address, no IP address in a disguised form, unless the operator allowed the host.
  private endpointProblems(endpointUrl: string | undefined, path = 'endpointUrl'): Violation[] {
    if (endpointUrl === undefined) return [];
    return this.outbound.destinationProblems(endpointUrl).map((p) => ({ ruleId: p.code, severity: 'error', path, message: `${path} ${p.message}` }));
  }

  private routeProblems(routes: PartnerRouteDto[], path: string): Violation[] {
    const problems: Violation[] = [];
    const seen = new Set<string>();
    routes.forEach((route, i) => {
      if (seen.has(route.country)) {
        problems.push({ ruleId: 'PARTNER-ROUTE-001', severity: 'error', path: `${path}[${i}].country`, message: `${route.country} is routed twice: a partner has one recipient authority per country` });
      }
      seen.add(route.country);
    });
    return problems;
  }

  private routeColumns(routes: PartnerRouteDto[]): Pick<PartnerEntity, 'routes' | 'countries'> {
    const sorted = [...routes].sort((a, b) => a.country.localeCompare(b.country)).map((r) => ({ country: r.country, authority: r.authority }));
    return { routes: sorted, countries: sorted.map((r) => r.country) };
  }

  private outboundColumns(auth: OutboundAuthDto, code: string): Pick<PartnerEntity, 'outboundAuthType' | 'outboundTokenSealed' | 'outboundTokenMasterKeyId'> {
    if (auth.type === OutboundAuthType.NONE) return { outboundAuthType: OutboundAuthType.NONE, outboundTokenSealed: null, outboundTokenMasterKeyId: null };
    if (!this.hub.masterKey) {
      throw new ExchangeError(ExchangeErrorCode.SECRET_STORAGE_UNAVAILABLE, 'This hub cannot store a partner token: HUB_MASTER_KEY is not set');
    }
    try {
      const { sealed, keyId } = sealPartnerSecret(auth.token as string, MasterKeyRing.of(this.hub), code);
      return { outboundAuthType: OutboundAuthType.BEARER, outboundTokenSealed: sealed, outboundTokenMasterKeyId: keyId };
    } catch (error) {
      throw new ExchangeError(ExchangeErrorCode.SECRET_STORAGE_UNAVAILABLE, `This hub cannot store a partner token: ${(error as Error).message}`);
    }
  }

  // Within `delivery`, the fields given replace the stored ones; a rate of 0 lifts the limit.
  private deliveryColumns(
    delivery: DeliverySettingsDto | undefined,
    current: Pick<PartnerEntity, 'deliveryConcurrency' | 'poolConnections' | 'rateLimitPerSecond'>,
  ): Pick<PartnerEntity, 'deliveryConcurrency' | 'poolConnections' | 'rateLimitPerSecond'> {
    const given = definedOnly(delivery);
    return {
      deliveryConcurrency: given.concurrency ?? current.deliveryConcurrency,
      poolConnections: given.connections ?? current.poolConnections,
      rateLimitPerSecond: given.maxPerSecond === undefined ? current.rateLimitPerSecond : given.maxPerSecond === 0 ? null : given.maxPerSecond,
    };
  }

  private certificateColumns(pem: string): Pick<PartnerEntity, 'nodeCertificatePem' | 'nodeCertificateSha256'> {
    const read = readNodeCertificate(pem);
    // The DTO validated it already; this keeps the service safe when called otherwise.
    if (!read.ok) throw RequestError.validation([{ ruleId: 'PARTNER-CERT-001', severity: 'error', path: 'nodeCertificate', message: `nodeCertificate ${read.reason}` }]);
    return { nodeCertificatePem: read.facts.pem, nodeCertificateSha256: read.facts.fingerprintSha256 };
  }
}
