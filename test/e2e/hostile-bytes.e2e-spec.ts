import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { cambodiaToJapan } from '../fixtures/certificates';
import { PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { issueWithParts, verifyMultipart } from '../support/verification';

jest.setTimeout(180_000);

// Bytes an attacker sends to every entry of the API, with and without a credential: the hub answers
// 4xx problem+json naming the place, never a 500, and writes nothing.
describe('hostile bytes: JSON depth, duplicate keys, UTF-8, U+0000 and lone surrogates', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('hostile_bytes');
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const raw = (method: string, path: string, body: string | Buffer, token?: string, contentType = 'application/json') =>
    hub.request(method, path, { rawBody: body, token, headers: { 'content-type': contentType } });
  const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
  // The rows an attack could leave behind, summed over the tables that take outside input.
  const written = async () => {
    let total = 0;
    for (const table of ['authorities', 'api_keys', 'certificates', 'partners', 'quarantined_envelopes', 'inbound_envelopes', 'verifications', 'operator_sessions', 'signing_keys', 'trust_anchors', 'crls', 'agreement_profiles', 'idempotency_keys']) {
      total += await hub.count(table);
    }
    return total;
  };

  it('refuses JSON nested deeper than 64 levels with a 400 on every route that takes a body, with or without a credential', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObject = '{"a":'.repeat(65) + '1' + '}'.repeat(65);
    const routes = hub.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !r.url.startsWith('/admin/queues'));
    // The operator sign-in and the envelope endpoint are among them.
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(['/v1/exchange/envelopes', '/ops/session', '/v1/certificates', '/v1/verifications', '/v1/authorities']));
    const before = await written();
    const answers: string[] = [];
    for (const route of routes) {
      for (const token of [undefined, TEST_ADMIN_TOKEN, issuer]) {
        for (const body of [deep, deepObject]) {
          const res = await raw(route.method, concrete(route.url), body, token);
          answers.push(`${route.method} ${route.url} ${token ? 'with' : 'without'} credential: ${res.status} ${res.body?.code}`);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
      }
    }
    expect(answers.filter((a) => !/: 400 (MALFORMED_JSON|NOT_AN_ENVELOPE)$/.test(a))).toEqual([]);
    const sample = await raw('POST', '/v1/certificates', deepObject, issuer);
    expect(sample.body.violations).toEqual([{ ruleId: 'JSON-DEPTH-001', severity: 'error', path: Array(64).fill('a').join('.'), message: expect.stringContaining('deeper than 64') }]);
    expect(await written()).toBe(before);
    // The hub is still well.
    expect((await hub.request('GET', '/health')).status).toBe(200);
  });

  it('refuses deep nesting, duplicate keys and invalid UTF-8 in a multipart document part, file or field, with a 400', async () => {
    const deep = Buffer.from('{"a":'.repeat(200) + '1' + '}'.repeat(200));
    const duplicate = Buffer.from('{"certificateNumber":"KH-1","certificateNumber":"KH-2"}');
    const badUtf8 = Buffer.concat([Buffer.from('{"remarks":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    for (const [document, rule] of [[deep, 'JSON-DEPTH-001'], [duplicate, 'JSON-DUPKEY-001'], [badUtf8, 'UTF8-001']] as const) {
      const asFile = await verifyMultipart(hub, { document, signature: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) });
      expect(asFile.status).toBe(400);
      expect(asFile.body).toMatchObject({ code: 'MALFORMED_BODY', violations: [expect.objectContaining({ ruleId: rule })] });
      // The same bytes as a plain form field (no file name), written by hand so that they stay these bytes.
      const boundary = 'hostileboundary42';
      const field = (name: string, value: Buffer) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), value, Buffer.from('\r\n')]);
      const body = Buffer.concat([field('document', document), field('signature', Buffer.from('MAMCAQA=')), Buffer.from(`--${boundary}--\r\n`)]);
      const asField = await fetch(`${hub.baseUrl}/v1/verifications`, { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      expect(asField.status).toBe(400);
      expect(((await asField.json()) as any).violations).toEqual([expect.objectContaining({ ruleId: rule })]);
    }
  });

  it('refuses a duplicate key naming its path: a certificate with two values for one field is not taken as the last', async () => {
    const body = JSON.stringify(cambodiaToJapan()).replace('"hsCode":', '"hsCode":"9999.99","hsCode":');
    const before = await hub.count('certificates');
    const res = await raw('POST', '/v1/certificates', body, issuer);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', violations: [{ ruleId: 'JSON-DUPKEY-001', path: 'items[0].hsCode' }] });
    // Spelled differently, the same key.
    const escaped = await raw('POST', '/v1/authorities', '{"code":"KH-X","\\u0063ode":"KH-Y","name":"x","country":"KH","roles":["ISSUER"]}', TEST_ADMIN_TOKEN);
    expect(escaped.body).toMatchObject({ status: 400, violations: [{ ruleId: 'JSON-DUPKEY-001', path: 'code' }] });
    expect(await hub.count('certificates')).toBe(before);
    expect(await hub.count('authorities', `code IN ('KH-X', 'KH-Y')`)).toBe(0);
  });

  it('refuses invalid UTF-8 in a JSON body instead of replacing it with U+FFFD', async () => {
    for (const bytes of [[0xff, 0xfe], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xe2, 0x82]]) {
      const body = Buffer.concat([Buffer.from('{"code":"KH-UTF","name":"'), Buffer.from(bytes), Buffer.from('","country":"KH","roles":["ISSUER"]}')]);
      const res = await raw('POST', '/v1/authorities', body, TEST_ADMIN_TOKEN);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', violations: [{ ruleId: 'UTF8-001' }] });
    }
    expect(await hub.count('authorities', `code = 'KH-UTF'`)).toBe(0);
  });

  it('refuses U+0000 and lone surrogates in any string of a body with a 422 naming each field, before PostgreSQL sees them', async () => {
    const before = await written();
    const document = cambodiaToJapan() as Record<string, any>;
    document.exporter.name = 'Angkor\u0000Rice';
    document.remarks = 'half a face \ud83d';
    document.items[0].description = '\udc00 milled rice';
    // JSON.stringify writes them as \u0000 and \ud83d escapes, as an attacker's client would.
    const certificate = await hub.request('POST', '/v1/certificates', { token: issuer, body: document });
    expect(certificate.status).toBe(422);
    expect(certificate.body.code).toBe('VALIDATION_FAILED');
    expect(certificate.body.violations.map((v: any) => [v.ruleId, v.path]).sort()).toEqual([
      ['TEXT-NUL-001', 'exporter.name'],
      ['TEXT-NUL-001', 'items[0].description'],
      ['TEXT-NUL-001', 'remarks'],
    ]);
    // In one item of a batch: the whole body is refused, naming the item, and no item is created.
    const batch = await hub.request('POST', '/v1/certificates/batch', { token: issuer, body: { certificates: [cambodiaToJapan(), cambodiaToJapan({ remarks: 'bad\u0000' })] } });
    expect(batch.body).toMatchObject({ status: 422, violations: [{ ruleId: 'TEXT-NUL-001', path: 'certificates[1].remarks' }] });
    const authority = await hub.operator('POST', '/v1/authorities', { code: 'KH-NUL', name: 'Nul\u0000Authority', country: 'KH', roles: ['ISSUER'] });
    expect(authority.body).toMatchObject({ status: 422, violations: [{ path: 'name' }] });
    const key = await hub.request('POST', '/v1/verifications', { body: { issuingAuthority: 'KH-MOC', certificateNumber: 'KH\u0000' } });
    expect(key.body).toMatchObject({ status: 422, violations: [{ path: 'certificateNumber' }] });
    // In a key, and at the operator sign-in, with no credential at all.
    const signIn = await hub.request('POST', '/ops/session', { body: { token: `${TEST_ADMIN_TOKEN}\u0000` } });
    expect(signIn.body).toMatchObject({ status: 422, violations: [{ path: 'token' }] });
    const oddKey = await hub.operator('POST', '/v1/traders', { id: 'KH-TIN-1', name: 'x', country: 'KH', 'bad\u0000key': 1 });
    expect(oddKey.body).toMatchObject({ status: 422, violations: [{ path: '["bad\\u0000key"]' }] });
    expect(await written()).toBe(before);
  });

  it('refuses U+0000 and bytes that are not UTF-8 in the query string and the path with a 400 naming them', async () => {
    const list = await hub.request('GET', '/v1/certificates?certificateNumber=KH%00&status=ISSUED', { token: issuer });
    expect(list.status).toBe(400);
    expect(list.body).toMatchObject({ code: 'MALFORMED_URL', violations: [{ ruleId: 'URL-001', path: 'query.certificateNumber' }] });
    const surrogate = await hub.request('GET', '/v1/certificates?certificateNumber=%ED%A0%80', { token: issuer });
    expect(surrogate.body).toMatchObject({ status: 400, violations: [{ path: 'query.certificateNumber' }] });
    for (const path of ['/verify/abc%00def', '/verify/%FF%FE', '/v1/certificates/%00', '/v1/exchange/quarantine?limit=%00']) {
      const res = await hub.request('GET', path, { token: TEST_ADMIN_TOKEN });
      expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_URL']);
    }
  });

  it('never answers 500 to U+0000 or raw bytes in header-derived values (idempotency key, credential, request id)', async () => {
    // Node refuses U+0000 in a header itself; bytes above 0x7f arrive as Latin-1 characters.
    const statusOf = (headers: Record<string, string>, body = '{}') =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${hub.baseUrl}/v1/certificates`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    const latin1 = Buffer.from([0x4b, 0xe9, 0xff, 0x80]).toString('latin1');
    const statuses = [
      await statusOf({ authorization: `Bearer ${issuer}`, 'idempotency-key': latin1 }),
      await statusOf({ authorization: `Bearer ecoo_${latin1}_${latin1}` }),
      await statusOf({ authorization: `Bearer ${issuer}`, 'x-request-id': latin1.repeat(4) }),
    ];
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    const nul = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(hub.baseUrl).port), '127.0.0.1', () => socket.end('GET /health HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0000b\r\nConnection: close\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
    });
    expect(nul).toMatch(/^HTTP\/1\.1 400/);
  });

  it('still verifies a real document uploaded as multipart (the strict reader takes what the hub issues)', async () => {
    const parts = await issueWithParts(hub, issuer);
    const answer = await verifyMultipart(hub, { document: parts.document, signature: parts.signature }, { token: issuer });
    expect(answer.status).toBe(200);
    expect(answer.body.verdict).toBe('VALID');
  });
});

// The envelope endpoint judges U+0000 and lone surrogates after the node signature: a partner's
// signed envelope is kept (escaped, with the hash of the bytes received) and acknowledged unread.
describe('hostile bytes in envelopes from an authenticated partner', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    own = await useOwnDatabase('hostile_envelopes');
    hub = await TestHub.start();
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const partner = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }));
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const postText = (text: string | Buffer) => hub.request('POST', '/v1/exchange/envelopes', { token, rawBody: text, headers: { 'content-type': 'application/json' } });

  it('acknowledges a signed envelope with U+0000 or a lone surrogate DELIVERED_NOT_READABLE with a reason code, and keeps an escaped copy with the hash of the bytes', async () => {
    for (const [field, value] of [['exporter', 'Angkor\u0000Rice'], ['remarks', 'half \ud83d'], ['remarks', '\udc00']] as const) {
      const document = issuedDocument(cambodiaToJapan(), 'KH-MOC') as Record<string, any>;
      if (field === 'exporter') document.exporter.name = value;
      else document.remarks = value;
      const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document }));
      const text = JSON.stringify(envelope);
      const res = await postText(text);
      expect(res.status).toBe(200);
      const path = field === 'exporter' ? 'payload.document.exporter.name' : 'payload.document.remarks';
      expect(res.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'UNSTORABLE_TEXT', envelopeId: envelope.envelopeId, warnings: [{ ruleId: 'UNSTORABLE_TEXT', path }] });
      const [row] = await hub.dataSource.query(`SELECT status, certificate_ref, envelope FROM inbound_envelopes WHERE envelope_id = $1`, [envelope.envelopeId]);
      expect(row.status).toBe('DELIVERED_NOT_READABLE');
      expect(row.certificate_ref).toBeNull();
      const { createHash } = await import('node:crypto');
      expect(row.envelope.unstorableText).toMatchObject({ originalSha256: createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'), paths: [path] });
      expect(JSON.stringify(row.envelope.unstorableText.escaped)).toContain(field === 'exporter' ? 'Angkor\\\\u0000Rice' : '\\\\ud');
      // Nothing was applied: no certificate from it.
      expect(await hub.count('certificates', 'certificate_number = $1', [document.certificateNumber])).toBe(0);
      // A repeat gets the first answer.
      expect((await postText(text)).body).toEqual(res.body);
    }
  });

  it('refuses duplicate keys, invalid UTF-8 and deep nesting in an envelope as "not an envelope" (400), applying nothing', async () => {
    const document = issuedDocument(cambodiaToJapan(), 'KH-MOC');
    const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document }));
    const text = JSON.stringify(envelope);
    // Two readings of one signed envelope: whichever the signature covers, the other could be applied.
    const duplicated = text.replace('"to":"JP-CUSTOMS"', '"to":"JP-CUSTOMS","to":"JP-OTHER"');
    const badUtf8 = Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"x":"'), Buffer.from([0xf8, 0x88]), Buffer.from('"}')]);
    const deep = text.slice(0, -1) + ',"x":' + '['.repeat(70) + ']'.repeat(70) + '}';
    for (const [body, rule] of [[duplicated, 'JSON-DUPKEY-001'], [badUtf8, 'UTF8-001'], [deep, 'JSON-DEPTH-001']] as const) {
      const res = await postText(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'NOT_AN_ENVELOPE', violations: [{ ruleId: rule }] });
    }
    expect(await hub.count('inbound_envelopes', 'envelope_id = $1', [envelope.envelopeId])).toBe(0);
    // The same envelope, read one way only, is delivered.
    expect((await postText(text)).body.status).toBe('DELIVERED_WITH_WARNINGS');
  });

  it('keeps a refused envelope holding U+0000 in quarantine without a 500', async () => {
    const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issuedDocument(cambodiaToJapan(), 'KH-MOC') }));
    const altered = { ...envelope, payload: { document: { remarks: 'changed\u0000after signing' } } };
    const res = await postText(JSON.stringify(altered));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ENVELOPE_SIGNATURE_INVALID');
    const shapeless = await postText(JSON.stringify({ ...envelope, envelopeId: 'x\u0000y\ud800' }));
    expect(shapeless.body).toMatchObject({ status: 400, code: 'NOT_AN_ENVELOPE' });
    const [row] = await hub.dataSource.query(`SELECT body, envelope_id FROM quarantined_envelopes WHERE reason = 'NOT_AN_ENVELOPE' ORDER BY received_at DESC LIMIT 1`);
    expect(row.envelope_id).toBeNull();
    expect(row.body).toContain('x\\u0000y\\ud800');
  });
});
