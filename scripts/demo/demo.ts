/**
 * `npm run demo`: two hubs in trial mode on this machine, Cambodia's (the Ministry of Commerce
 * issues) and Japan's (customs receive), set up the way two operators would set up their nodes:
 * development keys, node certificates and bearer tokens exchanged, the issuer's trust anchor
 * registered on the receiving side. Sample certificates are issued in Cambodia, delivered to Japan,
 * verified there and answered with customs responses that travel back. Ctrl-C stops both hubs.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_CONSIGNEE, demoCertificate } from './demo-samples';
import { DemoHub } from './demo-hub';

const CERTIFICATES = 3;
interface DemoCertificate {
  id: string;
  certificateNumber: string;
  verificationToken?: string | null;
  document: { items: { quantity: { value: string } }[] };
}

const MESSAGE_TYPES = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs / 1000} s; last seen: ${JSON.stringify(value)?.slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function apiKey(hub: DemoHub, owner: { authority?: string; trader?: string }): Promise<string> {
  return (await hub.operator('POST', '/v1/api-keys', owner)).key as string;
}

async function connect(cambodia: DemoHub, japan: DemoHub): Promise<void> {
  const [khNode, jpNode] = await Promise.all([cambodia.operator('GET', '/v1/exchange/node-certificate'), japan.operator('GET', '/v1/exchange/node-certificate')]);
  const partner = (code: string, name: string, hub: DemoHub, routes: unknown[], nodeCertificate: string) => ({
    code,
    name,
    endpointUrl: hub.baseUrl,
    routes,
    messageTypes: MESSAGE_TYPES,
    outboundAuth: { type: 'NONE' },
    nodeCertificate,
    retry: { baseDelayMs: 200, maxDelayMs: 5000 },
  });
  const atJapan = await japan.operator('POST', '/v1/partners', partner('KH-HUB', 'Cambodia e-CoO node', cambodia, [{ country: 'KH', authority: 'KH-MOC' }], khNode.certificate));
  const atCambodia = await cambodia.operator('POST', '/v1/partners', partner('JP-HUB', 'Japan e-CoO node', japan, [{ country: 'JP', authority: 'JP-CUSTOMS' }], jpNode.certificate));
  // Each node calls the other with the token the other issued for it.
  await cambodia.operator('PATCH', `/v1/partners/${atCambodia.id}`, { outboundAuth: { type: 'BEARER', token: atJapan.inboundToken } });
  await japan.operator('PATCH', `/v1/partners/${atJapan.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.inboundToken } });
  // Japan trusts the Ministry's signatures: the authority, known for trust only, and its CA.
  await japan.operator('POST', '/v1/authorities', { code: 'KH-MOC', name: 'Ministry of Commerce of the Kingdom of Cambodia', country: 'KH', roles: ['ISSUER'], servedHere: false });
  for (const anchor of await cambodia.operator('GET', '/v1/pki/trust-anchors?authority=KH-MOC')) {
    await japan.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-MOC', certificatePem: anchor.certificatePem, label: 'KH-MOC development CA' });
  }
}

async function run(cambodia: DemoHub, japan: DemoHub): Promise<void> {
  const mainJs = resolve(__dirname, '..', '..', 'dist', 'main.js');
  say('Starting two hubs in trial mode (embedded PostgreSQL, queues in the same database)...');
  await Promise.all([cambodia.start(mainJs), japan.start(mainJs)]);
  say(`  Cambodia (Ministry of Commerce issues): ${cambodia.baseUrl}`);
  say(`  Japan (customs receive):                ${japan.baseUrl}`);

  await cambodia.operator('POST', '/v1/authorities', { code: 'KH-MOC', name: 'Ministry of Commerce of the Kingdom of Cambodia', country: 'KH', roles: ['ISSUER'] });
  await japan.operator('POST', '/v1/authorities', { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] });
  await japan.operator('POST', '/v1/traders', { id: DEMO_CONSIGNEE.id, name: DEMO_CONSIGNEE.name, country: 'JP' });
  // Development keys: a throw-away CA, a signing key for each authority and for the node itself.
  await cambodia.operator('POST', '/v1/pki/dev-keys', {});
  await japan.operator('POST', '/v1/pki/dev-keys', {});
  await connect(cambodia, japan);
  const moc = await apiKey(cambodia, { authority: 'KH-MOC' });
  const customs = await apiKey(japan, { authority: 'JP-CUSTOMS' });
  const consignee = await apiKey(japan, { trader: DEMO_CONSIGNEE.id });
  say('Keys, node certificates, tokens and trust anchors are set up between the two hubs.\n');

  const issued: { id: string; certificateNumber: string }[] = [];
  for (let i = 0; i < CERTIFICATES; i++) {
    const created = await cambodia.call('POST', '/v1/certificates', moc, demoCertificate(i));
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const done = await cambodia.call('POST', `/v1/certificates/${created.body.id}/issue`, moc);
    if (done.status !== 200) throw new Error(`issue: ${done.status} ${JSON.stringify(done.body)}`);
    issued.push({ id: done.body.id, certificateNumber: done.body.certificateNumber });
    say(`Issued and signed in Cambodia: ${done.body.certificateNumber} (${(done.body.document.items as { description: string }[])[0].description})`);
  }

  for (const certificate of issued) {
    const deliveries = await eventually(
      `the delivery of ${certificate.certificateNumber}`,
      async () => (await cambodia.call('GET', `/v1/certificates/${certificate.id}/deliveries`, moc)).body as { status: string; attemptCount: number }[],
      (ds) => Array.isArray(ds) && ds.length > 0 && ds.every((d) => d.status !== 'PENDING'),
    );
    say(`Delivered to Japan: ${certificate.certificateNumber}: ${deliveries.map((d) => `${d.status} after ${d.attemptCount} attempt(s)`).join(', ')}`);
  }

  const received = await eventually(
    'the certificates at Japan customs',
    async () => (await japan.call('GET', '/v1/certificates?origin=RECEIVED&limit=50', customs)).body.items as DemoCertificate[],
    (items) => items.length >= issued.length,
  );
  say('');
  for (const copy of received) {
    const verification = await japan.call('POST', '/v1/verifications', customs, { issuingAuthority: 'KH-MOC', certificateNumber: copy.certificateNumber });
    say(`Verified by Japan customs: ${copy.certificateNumber}: ${verification.body.verdict} (${(verification.body.checks as { check: string; outcome: string }[]).map((c) => `${c.check} ${c.outcome}`).join(', ')})`);
  }

  const [first, second] = received;
  const accepted = await japan.call('POST', `/v1/certificates/${first.id}/customs-responses`, customs, { decision: 'ACCEPT' });
  const used = await japan.call('POST', `/v1/certificates/${second.id}/customs-responses`, customs, {
    decision: 'USE',
    uses: [{ itemNumber: 1, quantity: second.document.items[0].quantity.value, unit: 'KGM' }],
  });
  say(`Customs responses from Japan: ${first.certificateNumber} ${accepted.status === 201 ? 'accepted' : `refused (${accepted.status})`}, ${second.certificateNumber} ${used.status === 201 ? 'used in full' : `refused (${used.status})`}`);
  const issuerView = await eventually(
    'the customs response back in Cambodia',
    async () => (await cambodia.call('GET', `/v1/certificates?certificateNumber=${first.certificateNumber}`, moc)).body.items[0],
    (c) => c?.importStatus === 'ACCEPTED',
  );
  say(`Cambodia now sees ${issuerView.certificateNumber} as importStatus ${issuerView.importStatus}.\n`);

  const token = (copy: { verificationToken?: string | null }) => copy.verificationToken ?? '(token not shown)';
  say('Look around (the hubs keep running until Ctrl-C):');
  say(`  public verification page:   ${japan.baseUrl}/verify/${token(first)}`);
  say(`  certificate PDF with QR:    curl -H 'Authorization: Bearer ${moc}' -o co.pdf ${cambodia.baseUrl}/v1/certificates/${issued[0].id}/pdf`);
  say(`  deliveries (issuer):        curl -H 'Authorization: Bearer ${moc}' ${cambodia.baseUrl}/v1/certificates/${issued[0].id}/deliveries`);
  say(`  what the consignee sees:    curl -H 'Authorization: Bearer ${consignee}' '${japan.baseUrl}/v1/certificates?origin=RECEIVED'`);
  say(`  statistics:                 curl -H 'Authorization: Bearer ${japan.adminToken}' ${japan.baseUrl}/v1/stats`);
  say(`  dashboard (operator):       ${japan.baseUrl}/ops/stats (send the operator token; the queue board needs server mode)`);
  say(`  operator tokens:            Cambodia ${cambodia.adminToken}`);
  say(`                              Japan    ${japan.adminToken}`);
  say(`  API documentation:          ${cambodia.baseUrl}/docs`);
  say(`  logs:                       ${cambodia.logFile}, ${japan.logFile}`);
}

async function main(): Promise<void> {
  const root = resolve(process.env.HUB_DEMO_DIR ?? join(process.cwd(), 'data', 'demo'));
  // A fresh start each run: the demo's hubs make new keys and tokens every time.
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  const basePort = Number(process.env.HUB_DEMO_PORT ?? 3101);
  const hsFile = process.env.HUB_HS_FILE;
  const extra: Record<string, string> = hsFile ? { HUB_HS_FILE: hsFile } : {};
  const cambodia = new DemoHub('Cambodia', basePort, join(root, 'kh'), extra);
  const japan = new DemoHub('Japan', basePort + 1, join(root, 'jp'), extra);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping both hubs...');
    await Promise.all([cambodia.stop(), japan.stop()]);
    say('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    await run(cambodia, japan);
  } catch (error) {
    process.stderr.write(`The demo failed: ${(error as Error).message}\n`);
    await stop(1);
  }
}

void main();
