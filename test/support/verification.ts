import { cambodiaToJapan } from '../fixtures/certificates';
import type { HttpResult, TestHub } from './hub';

/** An issued certificate with its signed bytes and signature, as the issuer would download them. */
export interface IssuedParts {
  certificate: any;
  document: Buffer;
  signature: Buffer;
}

export async function issue(hub: TestHub, token: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const created = await hub.request('POST', '/v1/certificates', { token, body: cambodiaToJapan(overrides) });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
  if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${issued.text}`);
  return issued.body;
}

export async function issueWithParts(hub: TestHub, token: string, overrides: Record<string, unknown> = {}): Promise<IssuedParts> {
  const certificate = await issue(hub, token, overrides);
  const get = async (part: string) => {
    const res = await fetch(`${hub.baseUrl}/v1/certificates/${certificate.id}/${part}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${part}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  return { certificate, document: await get('document'), signature: await get('signature') };
}

/** POST /v1/verifications, with a key or as the public from a given address (X-Forwarded-For: the hub trusts its proxy). */
export function verify(hub: TestHub, body: unknown, options: { token?: string; from?: string } = {}): Promise<HttpResult> {
  return hub.request('POST', '/v1/verifications', { token: options.token, body, headers: options.from ? { 'x-forwarded-for': options.from } : {} });
}

/** A multipart upload built by fetch's own FormData, as a browser or curl -F would send it. */
export async function verifyMultipart(hub: TestHub, parts: Record<string, Buffer | string>, options: { token?: string; from?: string } = {}): Promise<HttpResult> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    form.append(name, new Blob([typeof value === 'string' ? value : new Uint8Array(value)]), name === 'document' ? 'certificate.json' : 'signature.p7s');
  }
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.from) headers['x-forwarded-for'] = options.from;
  const response = await fetch(`${hub.baseUrl}/v1/verifications`, { method: 'POST', body: form, headers });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: json, text };
}

export function checkOf(answer: any, name: string): any {
  return answer.checks.find((c: any) => c.check === name);
}

let address = 0;
/** A fresh public client address per call site, so tests do not share a rate-limit budget. */
export function publicAddress(): string {
  address += 1;
  return `198.51.100.${address % 250}`;
}
