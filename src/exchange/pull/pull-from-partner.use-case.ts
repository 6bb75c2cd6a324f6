import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { OutboundHttp, OutboundResult } from '../../core/http/outbound/outbound-http';
import { childPath } from '../../core/validation/json-path';
import { readStrictJson } from '../../core/validation/strict-json';
import type { Acknowledgement } from '../domain/acknowledgement';
import { nextPullAt } from '../domain/pull-backoff';
import { PULL_DEFAULT_LEASE_MS } from '../dto/pull.dto';
import { PartnerEntity } from '../entities/partner.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { OutboundTokens } from '../delivery/outbound-tokens';
import { ReceiveEnvelopeUseCase } from '../inbound/receive-envelope.use-case';
import { MasterKeyRing } from '../../core/secrets/master-key-ring';

export const PULL_PATH = '/v1/exchange/pull';
// A page at a time, and a few pages per run while the partner has more: a backlog drains without one run holding the queue for long.
const PAGE = 25;
const PAGES_PER_RUN = 8;
// A page of envelopes carries documents, CMS signatures and renditions.
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
const MAX_ANSWER_BYTES = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Item = { envelopeId: string; acknowledgement: Acknowledgement } | { envelopeId: string; refusal: { code: string; status: number; detail: string } };

function baseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

function failureOf(result: OutboundResult): string | undefined {
  switch (result.kind) {
    case 'RESPONSE':
      return result.status === 200 ? (result.truncated ? 'the answer is larger than this hub reads' : undefined) : `HTTP ${result.status}`;
    case 'TIMEOUT':
      return `no answer within ${result.afterMs} ms`;
    case 'NETWORK_ERROR':
      return `network error ${result.code}`;
    case 'REFUSED':
      return `destination refused (${result.problems.map((p) => p.code).join(', ')})`;
  }
}

/**
 * The hub as a pulling client (README, "Pull mode"): from a partner that only offers pull, it takes
 * a page of envelopes through the guarded outbound connector, passes each through exactly the
 * checks a pushed envelope gets (ReceiveEnvelopeUseCase.fromPartner: shape, node signature, replay
 * window, who may say what), and acknowledges each with the acknowledgement a push would have got,
 * or refuses it with the problem a push would have got. An envelope this hub could not judge (its
 * database down) is left unanswered: its lease runs out and the partner serves it again. A failed
 * pull backs off as the partner's retry policy says.
 */
@Injectable()
export class PullFromPartnerUseCase {
  private readonly logger = new Logger(PullFromPartnerUseCase.name);

  constructor(
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
    private readonly outbound: OutboundHttp,
    private readonly receive: ReceiveEnvelopeUseCase,
    private readonly tokens: OutboundTokens,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) private readonly hub: ConfigType<typeof hubConfig>,
  ) {}

  async execute(partnerId: string): Promise<{ outcome: string; received: number }> {
    const partner = await this.partners.findOne({ where: { id: partnerId, active: true } });
    if (!partner?.pullFromUrl) return { outcome: 'not pulled from', received: 0 };
    if (partner.pullRetryAt && partner.pullRetryAt > this.clock.now()) return { outcome: 'backing off', received: 0 };
    let received = 0;
    for (let page = 0; page < PAGES_PER_RUN; page++) {
      const taken = await this.page(partner);
      if (typeof taken === 'string') {
        await this.failed(partner, taken);
        return { outcome: `failed: ${taken}`, received };
      }
      received += taken;
      if (taken < PAGE) break;
    }
    if (partner.pullFailures > 0) await this.partners.update({ id: partner.id }, { pullFailures: 0, pullRetryAt: null });
    return { outcome: 'pulled', received };
  }

  /** One page: how many envelopes it held, or why the pull failed. */
  private async page(partner: PartnerEntity): Promise<number | string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (partner.outboundTokenSealed) headers.authorization = `Bearer ${this.tokens.open(partner.outboundTokenSealed, partner.outboundTokenMasterKeyId, MasterKeyRing.of(this.hub), partner.code)}`;
    const url = `${baseUrl(partner.pullFromUrl as string)}${PULL_PATH}`;
    const pool = { key: `${partner.id}/pull`, connections: 2 };
    const result = await this.outbound.request({ url, method: 'POST', headers, body: JSON.stringify({ limit: PAGE, leaseMs: PULL_DEFAULT_LEASE_MS }), timeoutMs: partner.timeoutMs, maxResponseBytes: MAX_PAGE_BYTES, pool });
    const failure = failureOf(result);
    if (failure || result.kind !== 'RESPONSE') return failure ?? 'no answer';
    const json = readStrictJson(result.body);
    if (!json.ok) return `the answer is not JSON: ${json.message}`;
    const envelopes = (json.value as { envelopes?: unknown } | null)?.envelopes;
    if (!Array.isArray(envelopes)) return 'the answer holds no envelopes';
    const items: Item[] = [];
    for (const [i, envelope] of envelopes.entries()) {
      const item = await this.judge(partner, envelope, json.unstorable, childPath('envelopes', i), `pull ${new URL(url).host}`);
      if (item === 'STOP') return 'this hub no longer takes envelopes from the partner';
      if (item) items.push(item);
    }
    if (items.length > 0) {
      const acknowledged = await this.outbound.request({ url: `${url}/acknowledgements`, method: 'POST', headers, body: JSON.stringify({ acknowledgements: items }), timeoutMs: partner.timeoutMs, maxResponseBytes: MAX_ANSWER_BYTES, pool });
      const ackFailure = failureOf(acknowledged);
      if (ackFailure) return `acknowledging: ${ackFailure}`;
    }
    return envelopes.length;
  }

  private async judge(partner: PartnerEntity, envelope: unknown, unstorable: string[], path: string, address: string): Promise<Item | 'STOP' | undefined> {
    const envelopeId = (envelope as { envelopeId?: unknown } | null)?.envelopeId;
    // The paths of this envelope's unstorable strings, as if it had been a body of its own.
    const paths = unstorable.filter((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)).map((p) => p.slice(path.length).replace(/^\./, ''));
    try {
      const acknowledgement = await this.receive.fromPartner(partner, envelope, { address, rawBody: Buffer.from(JSON.stringify(envelope), 'utf8'), unstorableStrings: paths });
      return { envelopeId: acknowledgement.envelopeId, acknowledgement };
    } catch (error) {
      if (!(error instanceof ExchangeError)) {
        // Not judged: left unanswered, served again once its lease runs out.
        this.logger.warn({ partner: partner.code }, `Pulled envelope not judged: ${(error as Error).message}`);
        return undefined;
      }
      if (error.code === ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN) return 'STOP';
      // A refusal names the envelope it refuses; one without a readable id cannot be answered.
      if (typeof envelopeId !== 'string' || !UUID.test(envelopeId)) return undefined;
      return { envelopeId, refusal: { code: error.code, status: error.httpStatus(), detail: error.message.slice(0, 1000) } };
    }
  }

  private async failed(partner: PartnerEntity, reason: string): Promise<void> {
    const failures = partner.pullFailures + 1;
    const retryAt = nextPullAt(failures, partner.pullEveryMs, { baseDelayMs: partner.baseDelayMs, maxDelayMs: partner.maxDelayMs }, this.clock.now(), Math.random);
    await this.partners.update({ id: partner.id }, { pullFailures: failures, pullRetryAt: retryAt });
    this.logger.warn({ partner: partner.code }, `Pull failed (${failures} in a row, next at ${retryAt.toISOString()}): ${reason}`);
  }
}
