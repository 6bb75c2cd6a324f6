// Verification through the API. The built hub (API and worker in one process, on a database of its
// own, the public rate limit raised out of the way) issues `certificates` certificates; then, each
// round, for 10 and 50 concurrent clients, in an order that alternates from round to round:
//   - GET /health (the reference: what the HTTP stack answers on this machine right now);
//   - POST /v1/verifications by reference, as the importing customs (full answer: audited read);
//   - POST /v1/verifications by reference, as the public (no key);
//   - POST /v1/verifications with the document and its signature uploaded (JSON, base64), as customs.
// `openssl speed rsa2048` verify/s (one core) is measured in each round too. DESIGN.md section 9 holds
// verification by reference through the API to at least OpenAttestation's in-process integrity check:
// 2.4k verify/s on one core, as DEPENDENCIES.md records it (quoted, not re-measured here).
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { issueOnce } from '../support/issuing';
import { LoadResult, healthOnce, runLoad } from '../support/load';
import { opensslRsa2048 } from '../support/openssl';
import { Figure, Scenario, alternate } from '../support/scenario';

const OPEN_ATTESTATION_VERIFY_PER_SECOND = 2400;
const CLIENTS = [10, 50];

interface Reference {
  issuingAuthority: string;
  certificateNumber: string;
  document: string;
  signature: string;
}

async function key(hub: HubProcess, body: Record<string, unknown>, owner: Record<string, unknown>): Promise<string> {
  await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, body);
  const created = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, owner);
  if (created.status !== 201) throw new Error(`could not create an API key: ${created.status}`);
  return created.body.key;
}

async function prepare(hub: HubProcess, count: number): Promise<{ customs: string; references: Reference[] }> {
  const issuer = await key(hub, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] }, { authority: 'KH-MOC' });
  const customs = await key(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] }, { authority: 'JP-CUSTOMS' });
  const devKeys = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
  if (devKeys.status !== 200) throw new Error(`no signing key: ${devKeys.status}`);
  for (let i = 0; i < count; i++) if (!(await issueOnce(hub, issuer))) throw new Error('a certificate could not be issued: check the hub log above');
  const listed = await hub.json<{ items: { id: string; certificateNumber: string }[] }>('GET', `/v1/certificates?limit=${Math.min(count, 200)}`, issuer);
  const references: Reference[] = [];
  for (const item of listed.body.items) {
    const get = async (part: string) => Buffer.from(await (await fetch(`${hub.url}/v1/certificates/${item.id}/${part}`, { headers: { authorization: `Bearer ${issuer}` } })).arrayBuffer());
    references.push({ issuingAuthority: 'KH-MOC', certificateNumber: item.certificateNumber, document: (await get('document')).toString('base64'), signature: (await get('signature')).toString('base64') });
  }
  return { customs, references };
}

async function post(hub: HubProcess, body: unknown, token?: string, from?: string): Promise<boolean> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (from) headers['x-forwarded-for'] = from;
  const response = await fetch(`${hub.url}/v1/verifications`, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = (await response.json()) as { verdict?: string };
  return response.status === 200 && answer.verdict === 'VALID';
}

const detail = (result: LoadResult) => ({ p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors });

const scenario: Scenario = {
  description: 'verifications per second through the API (by reference as customs and as the public, by uploaded document) vs GET /health and openssl verify',
  options: { seconds: 10, certificates: 200 },
  async start(context) {
    const seconds = context.option('seconds');
    const hub = await HubProcess.start({ HUB_PUBLIC_RATE_LIMIT: '1000000', HUB_PUBLIC_RATE_WINDOW_SECONDS: '1' });
    try {
      const { customs, references } = await prepare(hub, context.option('certificates'));
      const pick = (client: number, i: number) => references[(client * 7919 + i) % references.length];
      context.log(`${references.length} certificates to verify`);
      const kinds = {
        health: (clients: number) => runLoad(`health c${clients}`, clients, seconds, () => healthOnce(hub.url)),
        customs: (clients: number) => runLoad(`ref customs c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { issuingAuthority: r.issuingAuthority, certificateNumber: r.certificateNumber }, customs); }),
        public: (clients: number) => runLoad(`ref public c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { issuingAuthority: r.issuingAuthority, certificateNumber: r.certificateNumber }, undefined, `192.0.2.${c}`); }),
        document: (clients: number) => runLoad(`document c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { documentBase64: r.document, signature: r.signature }, customs); }),
      };
      return {
        async round(round) {
          const figures: Figure[] = [];
          for (const clients of CLIENTS) {
            const measured: Partial<Record<keyof typeof kinds, LoadResult>> = {};
            for (const kind of alternate(round, ['health', 'customs', 'public', 'document'] as const)) measured[kind] = await kinds[kind](clients);
            const health = { label: `GET /health, ${clients} clients`, value: measured.health!.perSecond };
            figures.push(
              { figure: `by reference as customs, ${clients} clients`, unit: '/s', hub: measured.customs!.perSecond, reference: health, detail: detail(measured.customs!) },
              { figure: `by reference as the public, ${clients} clients`, unit: '/s', hub: measured.public!.perSecond, reference: health, detail: detail(measured.public!) },
              { figure: `uploaded document as customs, ${clients} clients`, unit: '/s', hub: measured.document!.perSecond, reference: health, detail: detail(measured.document!) },
              {
                figure: `by reference as customs, ${clients} clients, vs OpenAttestation`,
                unit: '/s',
                hub: measured.customs!.perSecond,
                reference: { label: "OpenAttestation's in-process verify (DEPENDENCIES.md, quoted)", value: OPEN_ATTESTATION_VERIFY_PER_SECOND },
              },
            );
          }
          figures.push({ figure: 'openssl speed rsa2048 verify, one core', unit: '/s', reference: { label: 'openssl', value: opensslRsa2048(Math.min(seconds, 5)).verifyPerSecond } });
          return figures;
        },
        stop: () => hub.stop(),
      };
    } catch (error) {
      await hub.stop();
      throw error;
    }
  },
};

export default scenario;
