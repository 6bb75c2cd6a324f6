import { randomBytes } from 'node:crypto';
import { cambodiaToJapan } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from './exchange';
import type { TestHub } from './hub';

export const CONSIGNEE = { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading K.K.' };

/**
 * Japan's hub as the importing side: Cambodia's node as a partner, its Ministry of Commerce trusted,
 * Japan's customs and the consignee with keys. Certificates arrive as signed CO_ISSUED envelopes.
 */
export class ImportingSide {
  readonly cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  readonly moc = new ForeignIssuer('KH-MOC');
  partnerToken!: string;
  customs!: string;
  consignee!: string;

  constructor(readonly hub: TestHub) {}

  async prepare(): Promise<this> {
    this.customs = await this.hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    this.consignee = await this.hub.trader(CONSIGNEE.id, 'JP');
    await this.moc.trustAt(this.hub);
    const partner = await this.hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: this.cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }),
    );
    if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${partner.text}`);
    this.partnerToken = partner.body.inboundToken;
    return this;
  }

  /** A fresh certificate of Cambodia's ministry for Japan, as its hub would send it. */
  document(overrides: Record<string, unknown> = {}): Record<string, any> {
    return issuedDocument({ ...cambodiaToJapan(), certificateNumber: `KH-RCEP-${randomBytes(4).toString('hex').toUpperCase()}`, ...overrides }, 'KH-MOC');
  }

  /** Sends a certificate message and answers the acknowledgement status. */
  async send(type: string, document: Record<string, unknown>, payload: Record<string, unknown> = this.moc.payload(document), reference?: Record<string, unknown>): Promise<string> {
    const envelope = this.cambodia.sign(unsignedEnvelope({ type, from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload, reference }));
    const ack = await this.hub.request('POST', '/v1/exchange/envelopes', { token: this.partnerToken, body: envelope });
    if (ack.status !== 200) throw new Error(`envelope: ${ack.status} ${ack.text}`);
    return ack.body.status;
  }

  /** A certificate received here; answers the document and the id of its row. */
  async receive(overrides: Record<string, unknown> = {}): Promise<{ document: Record<string, any>; id: string }> {
    const document = this.document(overrides);
    const status = await this.send('CO_ISSUED', document);
    if (status !== 'DELIVERED') throw new Error(`receipt: ${status}`);
    const [row] = await this.hub.dataSource.query('SELECT id FROM certificates WHERE certificate_number = $1', [document.certificateNumber]);
    return { document, id: row.id };
  }

  /** The certificate's issuer cancels it, through its hub. */
  async cancel(document: Record<string, unknown>): Promise<void> {
    const reference = (unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document }) as { refersTo: Record<string, unknown> }).refersTo;
    const status = await this.send('CO_CANCELLED', document, { cancellation: { reason: 'Issued in error', cancelledAt: new Date().toISOString() } }, reference);
    if (status !== 'DELIVERED') throw new Error(`cancellation: ${status}`);
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The import declaration of the goods of `document`: 25 tonnes of rice, RCEP preference claimed. */
export function declarationFor(document: Record<string, any>, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    declarationNumber: `JP-IMP-${randomBytes(5).toString('hex').toUpperCase()}`,
    declarationDate: today(),
    ucr: document.ucr,
    certificateNumber: document.certificateNumber,
    consignee: CONSIGNEE,
    agreement: 'RCEP',
    lines: [{ lineNumber: 1, hsCode: '1006.30.90', description: 'Jasmine rice, milled', originCountry: 'KH', quantity: { value: '25', unit: 'TNE' }, value: { amount: '22100.00', currency: 'USD' }, preferenceClaimed: true }],
    ...overrides,
  };
}

export function line(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { lineNumber: 1, hsCode: '100630', originCountry: 'KH', quantity: { value: '25000', unit: 'KGM' }, preferenceClaimed: true, ...overrides };
}
