import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { PublicRateLimiter, type RateBudget } from '../../core/http/rate-limit/public-rate-limiter';
import { sha256Hex } from '../../core/canonical/canonical-json';
import { validateDtoShape } from '../../core/validation/validate-dto-shape';
import { NodeCertificateCheck } from '../../pki/services/node-certificate-check.service';
import type { Acknowledgement } from '../domain/acknowledgement';
import { envelopeSigningInput, type Envelope } from '../domain/envelope';
import { replayProblem } from '../domain/replay-window';
import { isSameMessage } from '../domain/envelope-repeat';
import type { PartnerEntity } from '../entities/partner.entity';
import { EnvelopeDto } from '../dto/envelope.dto';
import { QuarantineReason } from '../entities/quarantined-envelope.entity';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { PartnerAuthenticator } from '../partners/partner-authenticator';
import { signsReceipt } from '../receipts/domain/receipt-rules';
import { ReceiptSigner } from '../receipts/receipt-signer';
import { EnvelopeVerifier } from '../signing/envelope-verifier';
import { InboundStore } from './inbound-store';
import type { ReceivedEnvelope } from './received-envelope';

// Anonymous envelope posts are counted apart from public verifications, with the same budget.
const ANONYMOUS_SCOPE = 'anonymous-envelope';

/** What the receiver needs of the HTTP request besides its body. */
export interface InboundRequest {
  /** The caller's address (behind a trusted proxy, the one it forwards). */
  address: string;
  /** The bytes received, for the hash kept with an escaped copy. */
  rawBody?: Buffer;
  /** Paths of strings with U+0000 or a lone surrogate (core/http/hostile-input.ts). */
  unstorableStrings: string[];
  /** The sender asked for a signed receipt (`Prefer: receipt=signed`). */
  receiptAsked?: boolean;
}

// A sender's clock may run this far ahead of ours.
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * POST /v1/exchange/envelopes (DESIGN.md section 6). 4xx only for an unknown sender (401), a body
 * that is not an envelope (400), a failed node signature or an envelope outside the replay window
 * (422), each kept in quarantine; the same envelope id with other content is 409. Anything else is
 * stored and answered 200 with an acknowledgement, the first one again for a repeat.
 */
@Injectable()
export class ReceiveEnvelopeUseCase {
  constructor(
    private readonly partners: PartnerAuthenticator,
    private readonly verifier: EnvelopeVerifier,
    private readonly store: InboundStore,
    private readonly clock: Clock,
    private readonly nodeCertificates: NodeCertificateCheck,
    private readonly limiter: PublicRateLimiter,
    private readonly receipts: ReceiptSigner,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
    @Inject(hubConfig.KEY) hub: ConfigType<typeof hubConfig>,
  ) {
    this.publicRate = hub.publicRate;
  }

  private readonly publicRate: RateBudget;

  async execute(authorization: string | undefined, body: unknown, request: InboundRequest): Promise<Acknowledgement> {
    const partner = await this.partners.authenticate(authorization);
    if (!partner) {
      // Nothing an anonymous caller sends is stored (DESIGN.md section 6): it is counted per address,
      // across processes, and refused.
      const decision = await this.limiter.consume(ANONYMOUS_SCOPE, request.address, this.publicRate);
      if (!decision.allowed) {
        throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_THROTTLED, `Too many envelopes without a valid partner token from this address; retry in ${decision.resetSeconds} s`, {
          retryAfterSeconds: decision.resetSeconds,
        });
      }
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN, 'Send the inbound token this hub issued to your node: Authorization: Bearer <token>');
    }
    return this.fromPartner(partner, body, request);
  }

  /**
   * An envelope from a known partner, however it came: POSTed by it, or pulled from it by this hub
   * (exchange/pull/). Every check after authentication, and the acknowledgement, are the same.
   */
  async fromPartner(partner: PartnerEntity, body: unknown, request: InboundRequest): Promise<Acknowledgement> {
    const now = this.clock.now();
    const shape = validateDtoShape(EnvelopeDto, body, 'ENVELOPE');
    if (!shape.value) {
      await this.store.quarantine(partner, QuarantineReason.NOT_AN_ENVELOPE, shape.violations.map((v) => `${v.path}: ${v.message}`).join('; '), body, now);
      throw new ExchangeError(ExchangeErrorCode.NOT_AN_ENVELOPE, 'The body is not an exchange envelope', undefined, shape.violations);
    }
    const envelope = body as ReceivedEnvelope;
    // The node certificate as it stands now: expired, revoked or no longer chained to a node anchor
    // since it was registered, and the node signature proves nothing.
    const certificateProblems = await this.nodeCertificates.problems(partner.nodeCertificatePem, now);
    if (certificateProblems.length > 0) {
      const detail = certificateProblems.map((p) => `${p.code}: ${p.message}`).join('; ');
      await this.store.quarantine(partner, QuarantineReason.SIGNATURE_INVALID, `node certificate: ${detail}`, body, now);
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SIGNATURE_INVALID, `The node certificate this hub holds for partner ${partner.code} does not hold: ${detail}`, {
        problem: 'NODE_CERTIFICATE_INVALID',
        certificateProblems: certificateProblems.map((p) => p.code),
      });
    }
    const verification = this.verifier.verify(envelope, partner.nodeCertificatePem);
    if (!verification.valid) {
      await this.store.quarantine(partner, QuarantineReason.SIGNATURE_INVALID, `${verification.problem}: ${verification.message}`, body, now);
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SIGNATURE_INVALID, `The node signature does not hold: ${verification.message}`, { problem: verification.problem });
    }
    const contentHash = sha256Hex(envelopeSigningInput(envelope as unknown as Envelope));
    // A repeat is answered from the record, whenever it comes: receivers deduplicate on envelopeId.
    // Only from here on, the sender authenticated and its node signature held: only such a request
    // gets a signed receipt (exchange/receipts), a stranger never makes this hub sign anything.
    const answer = (acknowledgement: Acknowledgement): Promise<Acknowledgement> =>
      signsReceipt(partner.receipts, request.receiptAsked === true) ? this.receipts.sign(acknowledgement, body, now) : Promise.resolve(acknowledgement);
    const first = await this.store.find(partner.id, envelope.envelopeId);
    if (first) return answer(this.repeat(first, contentHash, envelope));
    const stale = replayProblem(new Date(shape.value.createdAt), now, { maxAgeMs: this.config.replayWindowMs, maxSkewMs: MAX_CLOCK_SKEW_MS });
    if (stale) {
      await this.store.quarantine(partner, QuarantineReason.OUTSIDE_REPLAY_WINDOW, stale, body, now);
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW, `Refused: ${stale}`);
    }
    // A signed envelope holding text PostgreSQL cannot store is kept as an escaped copy with the
    // hash of the bytes received, and acknowledged unread: what was signed cannot be applied as it is.
    const unstorable = request.unstorableStrings.length > 0 ? { paths: request.unstorableStrings, originalSha256: sha256Hex(request.rawBody ?? Buffer.alloc(0)) } : undefined;
    const recorded = await this.store.record(partner, envelope, contentHash, now, unstorable);
    return answer(recorded.kind === 'NEW' ? recorded.acknowledgement : this.repeat(recorded, contentHash, envelope));
  }

  // The same envelope signed again (a fresh createdAt, a new signature) is a repeat too, never a conflict.
  private repeat(first: { contentHash: string; envelope: unknown; acknowledgement: Acknowledgement }, hash: string, envelope: ReceivedEnvelope): Acknowledgement {
    if (first.contentHash !== hash && !isSameMessage(first.envelope, envelope)) throw new ExchangeError(ExchangeErrorCode.ENVELOPE_ID_REUSED, 'This envelope id came before with other content');
    return first.acknowledgement;
  }
}
