import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { AcknowledgementStatus } from '../domain/delivery-status';
import type { Envelope } from '../domain/envelope';
import type { TransportResult } from '../domain/transport-result';
import { EnvelopeTransport } from './envelope-transport';

/**
 * A recipient served by this same hub (a shared regional hub): the certificate already lives in this
 * database, where the recipient's customs see it (certificates/domain/visibility.ts), so handing the
 * envelope over is acknowledging it, through the same outbox, jobs and states as a partner's.
 * Inbound processing (issue 4, "Inbound": importStatus RECEIVED and the received copy) will run here
 * too, without the HTTP and node-signature layer.
 */
@Injectable()
export class LocalEnvelopeTransport extends EnvelopeTransport {
  constructor(private readonly clock: Clock) {
    super();
  }

  async send(_target: unknown, envelope: Envelope): Promise<TransportResult> {
    return { kind: 'RESPONSE', status: 200, body: { status: AcknowledgementStatus.DELIVERED, envelopeId: envelope.envelopeId, receivedAt: this.clock.now().toISOString() } };
  }
}
