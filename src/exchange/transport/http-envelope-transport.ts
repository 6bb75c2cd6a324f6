import { Injectable } from '@nestjs/common';
import { OutboundHttp } from '../../core/http/outbound/outbound-http';
import type { Envelope } from '../domain/envelope';
import type { TransportResult } from '../domain/transport-result';
import { EnvelopeTransport, TransportTarget } from './envelope-transport';

export const ENVELOPES_PATH = '/v1/exchange/envelopes';
// An acknowledgement is small; a partner sending more is not read further.
const MAX_ANSWER_BYTES = 64 * 1024;

export function envelopesUrl(endpointUrl: string): string {
  return `${endpointUrl.replace(/\/+$/, '')}${ENVELOPES_PATH}`;
}

function parseBody(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * POSTs the envelope as JSON to <endpoint>/v1/exchange/envelopes, within the partner's timeout,
 * through the hub's guarded outbound connector (keep-alive pools, destination checks, no redirects).
 */
@Injectable()
export class HttpEnvelopeTransport extends EnvelopeTransport {
  constructor(private readonly outbound: OutboundHttp) {
    super();
  }

  async send(target: TransportTarget, envelope: Envelope): Promise<TransportResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'x-envelope-id': envelope.envelopeId };
    if (target.bearerToken) headers.authorization = `Bearer ${target.bearerToken}`;
    // RFC 7240: a receiver that does not know the preference ignores it (a hub before receipts).
    if (target.askReceipt) headers.prefer = 'receipt=signed';
    const result = await this.outbound.request({
      url: envelopesUrl(target.endpointUrl as string),
      method: 'POST',
      headers,
      body: JSON.stringify(envelope),
      timeoutMs: target.timeoutMs,
      maxResponseBytes: MAX_ANSWER_BYTES,
      pool: target.pool,
    });
    switch (result.kind) {
      case 'RESPONSE': {
        const retryAfter = result.headers['retry-after'];
        return { kind: 'RESPONSE', status: result.status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: parseBody(result.body.toString('utf8')) };
      }
      case 'TIMEOUT':
        return { kind: 'TIMEOUT', afterMs: result.afterMs };
      case 'NETWORK_ERROR':
        return { kind: 'NETWORK_ERROR', code: result.code };
      case 'REFUSED':
        return { kind: 'DESTINATION_REFUSED', codes: result.problems.map((p) => p.code), reason: result.problems.map((p) => p.message).join('; ') };
    }
  }
}
