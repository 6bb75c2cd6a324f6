import { signDetachedCms } from '../../src/pki/crypto/cms-signer';
import type { DevSigningKey } from '../../src/pki/crypto/dev-pki';
import type { TestHub } from './hub';
import type { ExternalPki } from './pki';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Requester = Pick<TestHub, 'request' | 'baseUrl'>;

async function ok(what: string, promise: Promise<{ status: number; text: string; body: any }>, status = 200): Promise<any> {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
}

async function upload(hub: Requester, token: string, id: string, kind: string): Promise<void> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${kind.toLowerCase()}.pdf`);
  const res = await fetch(`${hub.baseUrl}/v1/applications/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload ${kind}: ${res.status} ${await res.text()}`);
}

/**
 * An exporter's application from the first call to approval by one officer: the certificate data,
 * an invoice and a packing list, the declaration signed with the exporter's own key when one is
 * given, submitted, claimed and approved. Returns the approval (application, certificate, rule differences).
 */
export async function applyAndApprove(
  hub: Requester,
  input: { authority: string; exporter: string; officer: string; certificate: Record<string, unknown>; signer?: { pki: ExternalPki; key: DevSigningKey } },
): Promise<any> {
  const application = await ok('apply', hub.request('POST', '/v1/applications', { token: input.exporter, body: { authority: input.authority, certificate: input.certificate } }), 201);
  await upload(hub, input.exporter, application.id, 'INVOICE');
  await upload(hub, input.exporter, application.id, 'PACKING_LIST');
  if (input.signer) {
    const declaration = await fetch(`${hub.baseUrl}/v1/applications/${application.id}/declaration`, { headers: { authorization: `Bearer ${input.exporter}` } });
    const content = Buffer.from(await declaration.arrayBuffer());
    const cms = signDetachedCms({ content, signingTime: new Date(), signerCertDer: input.signer.key.certDer, chainDer: [input.signer.pki.issuing.certDer], privateKey: input.signer.key.privateKey });
    await ok('sign', hub.request('POST', `/v1/applications/${application.id}/declaration-signature`, { token: input.exporter, body: { signature: cms.toString('base64') } }));
  }
  await ok('submit', hub.request('POST', `/v1/applications/${application.id}/submit`, { token: input.exporter }));
  await ok('claim', hub.request('POST', `/v1/applications/${application.id}/claim`, { token: input.officer }));
  return ok('approve', hub.request('POST', `/v1/applications/${application.id}/approve`, { token: input.officer }));
}
