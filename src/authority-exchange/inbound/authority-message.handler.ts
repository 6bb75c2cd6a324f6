import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InboundOutcome } from '../../exchange/domain/inbound-acknowledgement';
import { MessageType } from '../../exchange/domain/message-type';
import { InboundHandlers } from '../../exchange/inbound/inbound-handlers';
import { InboundContext, InboundMessageHandler, InboundRoute } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { CustomsResponseReceiver } from './customs-response.receiver';
import { delivered } from './inbound-outcomes';
import { VerificationRequestReceiver } from './verification-request.receiver';
import { VerificationResponseReceiver } from './verification-response.receiver';

/**
 * The receiving side of the answers between authorities (DESIGN.md section 6): CUSTOMS_RESPONSE,
 * VERIFICATION_REQUEST and VERIFICATION_RESPONSE, each applied in the transaction that stores the
 * envelope.
 */
@Injectable()
export class AuthorityMessageHandler extends InboundMessageHandler implements OnModuleInit {
  readonly types = [MessageType.CUSTOMS_RESPONSE, MessageType.VERIFICATION_REQUEST, MessageType.VERIFICATION_RESPONSE] as const;

  constructor(
    private readonly handlers: InboundHandlers,
    private readonly customsResponses: CustomsResponseReceiver,
    private readonly requests: VerificationRequestReceiver,
    private readonly responses: VerificationResponseReceiver,
  ) {
    super();
  }

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    // On a shared hub both parties live here: the sender's transaction already moved the one
    // certificate row and case both see, so applying the message again would count a use twice.
    if (context.route === InboundRoute.LOCAL) return delivered();
    switch (envelope.type) {
      case MessageType.CUSTOMS_RESPONSE:
        return this.customsResponses.receive(manager, envelope, context);
      case MessageType.VERIFICATION_REQUEST:
        return this.requests.receive(manager, envelope, context);
      default:
        return this.responses.receive(manager, envelope, context);
    }
  }
}
