import { Webhook } from 'standardwebhooks';
import { secretBytes, secretText, signatureEntry, webhookHeaders } from './signature';

const SECRET = secretText(Buffer.alloc(32, 7));
const OTHER = secretText(Buffer.alloc(32, 9));
const BODY = '{"type":"certificate.issued","sequence":1}';
const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z, in seconds

describe('Standard Webhooks signatures', () => {
  it('writes the secret as whsec_ and the base64 of its bytes, and reads it back', () => {
    expect(SECRET).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(secretBytes(SECRET)).toEqual(Buffer.alloc(32, 7));
  });

  it('signs id, timestamp and body as the receivers\' library verifies them', () => {
    const headers = webhookHeaders([SECRET], 'msg_1', NOW, BODY);
    expect(headers['webhook-signature']).toBe(signatureEntry(SECRET, 'msg_1', NOW, BODY));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(SECRET).verify(BODY, { ...headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signatureEntry(SECRET, 'msg_1', Math.floor(Date.now() / 1000), BODY) });
    expect(verified).toEqual({ type: 'certificate.issued', sequence: 1 });
  });

  it('signs with both secrets during a rotation, so a receiver holding either verifies', () => {
    const at = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([OTHER, SECRET], 'msg_2', at, BODY);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(SECRET).verify(BODY, headers)).toEqual({ type: 'certificate.issued', sequence: 1 });
    expect(new Webhook(OTHER).verify(BODY, headers)).toEqual({ type: 'certificate.issued', sequence: 1 });
    expect(() => new Webhook(secretText(Buffer.alloc(32, 1))).verify(BODY, headers)).toThrow();
  });

  it('changes with the body, the id and the timestamp', () => {
    const base = signatureEntry(SECRET, 'msg_1', NOW, BODY);
    expect(signatureEntry(SECRET, 'msg_1', NOW, `${BODY} `)).not.toBe(base);
    expect(signatureEntry(SECRET, 'msg_2', NOW, BODY)).not.toBe(base);
    expect(signatureEntry(SECRET, 'msg_1', NOW + 1, BODY)).not.toBe(base);
  });
});
