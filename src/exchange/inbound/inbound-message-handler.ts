import type { EntityManager } from 'typeorm';
import type { InboundOutcome } from '../domain/inbound-acknowledgement';
import type { ServedRecipient } from '../domain/inbound-authorisation';
import type { MessageType } from '../domain/message-type';
import type { ReceivedEnvelope } from './received-envelope';

export enum InboundRoute {
  /** From a partner node over HTTP, node signature checked. */
  PARTNER = 'PARTNER',
  /** From this same hub to an authority it serves (a shared regional hub): no HTTP, no node signature. */
  LOCAL = 'LOCAL',
}

export interface InboundContext {
  route: InboundRoute;
  /** The sending partner, with the countries it serves as the receiving transaction read them; null on the local route. */
  partner: { id: string; code: string; countries: string[] } | null;
  /** The authority the envelope is addressed to (`to`), served by this hub. */
  recipient: ServedRecipient;
  receivedAt: Date;
}

/**
 * Processes one kind of message on the receiving side: checks what it says and applies its effects in
 * the transaction that stores the envelope (`manager`), and says how to acknowledge it. A feature
 * registers its handler with InboundHandlers when its module starts.
 */
export abstract class InboundMessageHandler {
  abstract readonly types: readonly MessageType[];
  abstract receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome>;
  /**
   * The local route, when the handler applies its effects in a unit of work of its own: the store
   * then opens no transaction around it (nothing of the envelope is stored on the local route, so
   * the handler's change is the whole of it). Without it, `receive` runs in the store's transaction.
   */
  receiveLocal?(envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome>;
}
