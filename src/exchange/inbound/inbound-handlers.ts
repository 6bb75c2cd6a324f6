import { Injectable } from '@nestjs/common';
import type { MessageType } from '../domain/message-type';
import type { InboundMessageHandler } from './inbound-message-handler';

/** The handler of each message type on the receiving side; a type without one is kept unread. */
@Injectable()
export class InboundHandlers {
  private readonly byType = new Map<MessageType, InboundMessageHandler>();

  register(handler: InboundMessageHandler): void {
    for (const type of handler.types) {
      if (this.byType.has(type)) throw new Error(`Two inbound handlers for ${type}`);
      this.byType.set(type, handler);
    }
  }

  for(type: MessageType): InboundMessageHandler | undefined {
    return this.byType.get(type);
  }
}
