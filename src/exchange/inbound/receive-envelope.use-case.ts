import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '../../core/clock/clock';
import { sha256Hex } from '../../core/canonical/canonical-json';
import { validateDtoShape } from '../../core/validation/validate-dto-shape';
import { NodeCertificateCheck } from '../../pki/services/node-certificate-check.service';
import type { Acknowledgement } from '../domain/acknowledgement';
import { envelopeSigningInput, type Envelope } from '../domain/envelope';
import { replayProblem } from '../domain/replay-window';
import { EnvelopeDto } from '../dto/envelope.dto';
import { QuarantineReason } from '../entities/quarantined-envelope.entity';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { PartnerAuthenticator } from '../partners/partner-authenticator';
import { EnvelopeVerifier } from '../signing/envelope-verifier';
import { InboundStore } from './inbound-store';
import type { ReceivedEnvelope } from './received-envelope';

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
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  async execute(authorization: string | undefined, body: unknown): Promise<Acknowledgement> {
    const now = this.clock.now();
    const partner = await this.partners.authenticate(authorization);
    if (!partner) {
      await this.store.quarantine(null, QuarantineReason.UNAUTHENTICATED, 'no valid partner token', body, now);
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN, 'Send the inbound token this hub issued to your node: Authorization: Bearer <token>');
    }
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
    const first = await this.store.find(partner.id, envelope.envelopeId);
    if (first) return this.repeat(first.contentHash, contentHash, first.acknowledgement);
    const stale = replayProblem(new Date(shape.value.createdAt), now, { maxAgeMs: this.config.replayWindowMs, maxSkewMs: MAX_CLOCK_SKEW_MS });
    if (stale) {
      await this.store.quarantine(partner, QuarantineReason.OUTSIDE_REPLAY_WINDOW, stale, body, now);
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW, `Refused: ${stale}`);
    }
    const recorded = await this.store.record(partner, envelope, contentHash, now);
    return recorded.kind === 'NEW' ? recorded.acknowledgement : this.repeat(recorded.contentHash, contentHash, recorded.acknowledgement);
  }

  private repeat(firstHash: string, hash: string, acknowledgement: Acknowledgement): Acknowledgement {
    if (firstHash !== hash) throw new ExchangeError(ExchangeErrorCode.ENVELOPE_ID_REUSED, 'This envelope id came before with other content');
    return acknowledgement;
  }
}
