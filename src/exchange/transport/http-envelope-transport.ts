import { Injectable } from '@nestjs/common';
import type { Envelope } from '../domain/envelope';
import type { TransportResult } from '../domain/transport-result';
import { EnvelopeTransport, TransportTarget } from './envelope-transport';

export const ENVELOPES_PATH = '/v1/exchange/envelopes';
// An acknowledgement is small; a partner sending more is not read further.
const MAX_ANSWER_BYTES = 64 * 1024;

export function envelopesUrl(endpointUrl: string): string {
  return `${endpointUrl.replace(/\/+$/, '')}${ENVELOPES_PATH}`;
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_ANSWER_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

function parseBody(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** POSTs the envelope as JSON to <endpoint>/v1/exchange/envelopes, within the partner's timeout. */
@Injectable()
export class HttpEnvelopeTransport extends EnvelopeTransport {
  async send(target: TransportTarget, envelope: Envelope): Promise<TransportResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'x-envelope-id': envelope.envelopeId };
    if (target.bearerToken) headers.authorization = `Bearer ${target.bearerToken}`;
    try {
      // The timeout covers the whole exchange, the answer's body included; redirects are not followed.
      const response = await fetch(envelopesUrl(target.endpointUrl as string), {
        method: 'POST',
        headers,
        body: JSON.stringify(envelope),
        redirect: 'manual',
        signal: AbortSignal.timeout(target.timeoutMs),
      });
      const body = parseBody(await readCapped(response));
      return { kind: 'RESPONSE', status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined, body };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'TIMEOUT', afterMs: target.timeoutMs };
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const code = typeof cause?.code === 'string' ? cause.code : 'FETCH_FAILED';
      return { kind: 'NETWORK_ERROR', code };
    }
  }
}
