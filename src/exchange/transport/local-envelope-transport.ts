import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import type { Envelope } from '../domain/envelope';
import type { TransportResult } from '../domain/transport-result';
import { InboundStore } from '../inbound/inbound-store';
import type { ReceivedEnvelope } from '../inbound/received-envelope';
import { EnvelopeTransport } from './envelope-transport';

/**
 * A recipient served by this same hub (a shared regional hub): the envelope goes through the same
 * outbox, jobs and states as a partner's, and is handed to the receiving side in-process, without
 * HTTP or node signature, whose handlers apply its effects (importStatus RECEIVED for a certificate).
 */
@Injectable()
export class LocalEnvelopeTransport extends EnvelopeTransport {
  constructor(
    private readonly clock: Clock,
    private readonly inbound: InboundStore,
  ) {
    super();
  }

  async send(_target: unknown, envelope: Envelope): Promise<TransportResult> {
    const acknowledgement = await this.inbound.recordLocal(envelope as unknown as ReceivedEnvelope, this.clock.now());
    return { kind: 'RESPONSE', status: 200, body: acknowledgement };
  }
}
