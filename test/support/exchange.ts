import { KeyObject, createPrivateKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../src/core/canonical/canonical-json';
import { documentHash } from '../../src/dataset/canonical';
import { Envelope, envelopeSigningInput } from '../../src/exchange/domain/envelope';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { DevCa, createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';
import { fingerprintSha256, pemToDer } from '../../src/pki/crypto/x509';
import type { TestHub } from './hub';
import { testKeyPair } from './key-pool';

export interface NodeIdentity {
  keyPem: string;
  certificatePem: string;
}

/** A development node key and certificate (RSA 2048), as a partner or this hub would hold one. */
export function devNodeIdentity(cn = 'Test partner node'): NodeIdentity {
  const now = new Date();
  const ca = createDevCa({ commonName: `${cn} CA`, validDays: 30, keyBits: 2048, keyPair: testKeyPair() });
  const key = createDevSigningKey({ ca, subject: { CN: cn }, validFrom: new Date(now.getTime() - 60_000), validTo: new Date(now.getTime() + 30 * 86_400_000), keyBits: 2048, keyPair: testKeyPair() });
  return { keyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certificatePem: key.certPem };
}

const NODE_KEY_VARIABLES = ['HUB_NODE_KEY_FILE', 'HUB_NODE_CERT_FILE'] as const;
// What each useNodeIdentity replaced, for forgetNodeIdentity to put back (the run's shared node key).
const replacedIdentities: Record<string, string | undefined>[] = [];

/** Writes a node identity to files and points HUB_NODE_KEY_FILE / HUB_NODE_CERT_FILE at them (read when a hub boots). */
export function useNodeIdentity(identity: NodeIdentity): void {
  replacedIdentities.push(Object.fromEntries(NODE_KEY_VARIABLES.map((name) => [name, process.env[name]])));
  const files = writeNodeIdentity(identity, mkdtempSync(join(tmpdir(), 'ecoo-node-')));
  process.env.HUB_NODE_KEY_FILE = files.keyFile;
  process.env.HUB_NODE_CERT_FILE = files.certFile;
}

/** Puts back the node key files the last useNodeIdentity replaced. */
export function forgetNodeIdentity(): void {
  const previous = replacedIdentities.pop() ?? {};
  for (const name of NODE_KEY_VARIABLES) {
    if (previous[name] === undefined) delete process.env[name];
    else process.env[name] = previous[name];
  }
}

/** The identity's key (mode 600) and certificate as PEM files in `dir`. */
export function writeNodeIdentity(identity: NodeIdentity, dir: string): { keyFile: string; certFile: string } {
  writeFileSync(join(dir, 'node.key'), identity.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'node.crt'), identity.certificatePem);
  return { keyFile: join(dir, 'node.key'), certFile: join(dir, 'node.crt') };
}

let partnerCertificate: string | undefined;

/**
 * A valid partner registration; tests override what they are about. Receipts UNSIGNED: the partner
 * simulators sign none (a hub of the previous release does not know the field: give
 * `receipts: undefined` there).
 */
export function partnerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  partnerCertificate ??= devNodeIdentity('JP partner node').certificatePem;
  return {
    code: 'JP-NACCS',
    name: 'Japan e-CoO node',
    endpointUrl: 'http://127.0.0.1:9',
    routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }],
    messageTypes: ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE'],
    outboundAuth: { type: 'BEARER', token: 'hub-to-partner-token-0123456789' },
    nodeCertificate: partnerCertificate,
    receipts: 'UNSIGNED',
    ...overrides,
  };
}

/** Waits until `check` holds, polling; fails after the deadline with what it was waiting for. */
export async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms; last seen: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The deliveries of a certificate, as its issuer sees them. */
export async function deliveriesOf(hub: TestHub, token: string, certificateId: string): Promise<any[]> {
  const res = await hub.request('GET', `/v1/certificates/${certificateId}/deliveries`, { token });
  if (res.status !== 200) throw new Error(`deliveries of ${certificateId}: ${res.status} ${res.text}`);
  return res.body;
}

const CONSIGNEES: Record<string, { id: string; name: string; city: string; port: string }> = {
  TH: { id: 'TH-TIN-0105551234567', name: 'Bangkok Grain Co., Ltd.', city: 'Bangkok', port: 'THBKK' },
  VN: { id: 'VN-MST-0301234567', name: 'Saigon Food Import JSC', city: 'Ho Chi Minh City', port: 'VNSGN' },
  KR: { id: 'KR-BRN-1208147521', name: 'Busan Rice Trading Co., Ltd.', city: 'Busan', port: 'KRPUS' },
  CN: { id: 'CN-USCC-91310000MA1FL0001X', name: 'Shanghai Grain Import Co., Ltd.', city: 'Shanghai', port: 'CNSHA' },
};

/** The Cambodia-to-Japan fixture sent elsewhere: consignee and port of discharge moved to `country`. */
export function cambodiaTo(base: Record<string, any>, country: string): Record<string, unknown> {
  const consignee = CONSIGNEES[country];
  return {
    ...base,
    importCountry: country,
    consignee: { id: consignee.id, name: consignee.name, address: { line1: '1 Harbour Road', city: consignee.city, country } },
    transport: { ...base.transport, dischargePort: consignee.port },
  };
}

/** A partner node that signs what it sends, the way a partner hub does (for specs that play the partner). */
export class PartnerNode {
  private readonly key: KeyObject;
  readonly keyId: string;

  constructor(readonly identity: NodeIdentity) {
    this.key = createPrivateKey(identity.keyPem);
    this.keyId = fingerprintSha256(pemToDer(identity.certificatePem));
  }

  sign(envelope: Record<string, unknown>): Record<string, unknown> {
    const value = sign('sha256', envelopeSigningInput(envelope as unknown as Envelope), this.key).toString('base64');
    return { ...envelope, signature: { algorithm: 'RSA-SHA256', keyId: this.keyId, value } };
  }
}

/**
 * An issuing authority of another country as its own hub signs for it: a development CA and signing
 * key, and the detached CMS over a document's RFC 8785 form that travels as payload.documentSignature.
 */
export class ForeignIssuer {
  readonly ca: DevCa;
  private readonly signer: CmsSigner;

  constructor(
    readonly code: string,
    validFrom = new Date(Date.now() - 86_400_000),
  ) {
    this.ca = createDevCa({ commonName: `${code} test CA`, keyBits: 2048, validDays: 400, validFrom, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca: this.ca, subject: { CN: `${code} signing` }, validFrom, validTo: new Date(validFrom.getTime() + 365 * 86_400_000), keyBits: 2048, keyPair: testKeyPair() });
    this.signer = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey });
  }

  signature(document: Record<string, unknown>): string {
    return this.signer.sign(Buffer.from(canonicalJson(document), 'utf8'), new Date(String(document.issueDateTime))).toString('base64');
  }

  /** The payload of a certificate message: the document and this issuer's signature over it. */
  payload(document: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { document, documentSignature: this.signature(document), ...extra };
  }

  /** Registers this authority at a hub for trust only, with its CA as the trust anchor. */
  async trustAt(hub: TestHub): Promise<void> {
    const registered = await hub.operator('POST', '/v1/authorities', { code: this.code, name: `${this.code} (foreign issuer)`, country: this.code.slice(0, 2), roles: ['ISSUER'], servedHere: false });
    if (registered.status !== 201 && registered.status !== 409) throw new Error(`register ${this.code}: ${registered.status} ${registered.text}`);
    const anchor = await hub.operator('POST', '/v1/pki/trust-anchors', { authority: this.code, certificatePem: this.ca.certPem });
    if (anchor.status !== 201) throw new Error(`trust anchor for ${this.code}: ${anchor.status} ${anchor.text}`);
  }
}

/**
 * What the operators of two hubs do so that one trusts the other's issuer: the receiving hub knows the
 * authority (for trust only) and holds the trust anchors the issuing hub registered for it.
 */
export async function trustIssuerAcross(issuingHub: TestHub, receivingHub: TestHub, code: string): Promise<void> {
  const anchors = await issuingHub.operator('GET', `/v1/pki/trust-anchors?authority=${code}`);
  if (anchors.status !== 200 || anchors.body.length === 0) throw new Error(`no trust anchor of ${code}: ${anchors.status} ${anchors.text}`);
  const registered = await receivingHub.operator('POST', '/v1/authorities', { code, name: `${code} (foreign issuer)`, country: code.slice(0, 2), roles: ['ISSUER'], servedHere: false });
  if (registered.status !== 201 && registered.status !== 409) throw new Error(`register ${code}: ${registered.status} ${registered.text}`);
  for (const anchor of anchors.body) {
    const added = await receivingHub.operator('POST', '/v1/pki/trust-anchors', { authority: code, certificatePem: anchor.certificatePem });
    if (added.status !== 201 && added.status !== 409) throw new Error(`trust anchor for ${code}: ${added.status} ${added.text}`);
  }
}

/** A document as an issuing hub froze it: the body plus issuingAuthority, issueDateTime and copyNumber. */
export function issuedDocument(body: Record<string, unknown>, issuingAuthority: string, copyNumber = 0): Record<string, unknown> {
  return { ...body, issuingAuthority, issueDateTime: new Date().toISOString(), copyNumber };
}

export function unsignedEnvelope(input: { type: string; from: string; to: string; document?: Record<string, unknown>; reference?: Record<string, unknown>; payload?: Record<string, unknown>; createdAt?: Date }): Record<string, unknown> {
  const document = input.document;
  const reference = input.reference ?? {
    certificate: { issuingAuthority: document?.issuingAuthority, certificateNumber: document?.certificateNumber, copyNumber: document?.copyNumber },
    documentHash: documentHash(document),
  };
  return {
    specVersion: '1.0',
    envelopeId: randomUUID(),
    type: input.type,
    from: input.from,
    to: input.to,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    refersTo: reference,
    payload: input.payload ?? { document },
  };
}

/**
 * A CO_CANCELLED envelope (unsigned) from `from` to `to` about a certificate number made up afresh: for
 * the specs that look at how an envelope is received (authentication, node certificate) rather than
 * at what it changes.
 */
export function cancellationOfUnknown(from: string, to: string): Record<string, unknown> {
  return unsignedEnvelope({
    type: 'CO_CANCELLED',
    from,
    to,
    reference: { certificate: { issuingAuthority: from, certificateNumber: `${from.slice(0, 2)}-RCEP-${randomBytes(4).toString('hex')}`, copyNumber: 0 }, documentHash: 'a'.repeat(64) },
    payload: { cancellation: { reason: 'Issued in error', cancelledAt: new Date().toISOString() } },
  });
}
