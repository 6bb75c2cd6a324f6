import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess } from './hub-process';

/** Registers Cambodia's Ministry of Commerce as an issuer (with an ACTIVE development key when asked) and returns an API key of it. */
export async function prepareIssuer(hub: HubProcess, options: { devKey?: boolean } = {}): Promise<string> {
  const registered = await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  if (registered.status !== 201) throw new Error(`could not register the issuer: ${registered.status}`);
  if (options.devKey) {
    const devKey = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
    if (devKey.status !== 200) throw new Error(`could not give the issuer a signing key: ${devKey.status}`);
  }
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`could not create an API key: ${key.status}`);
  return key.body.key;
}

/** POST /v1/certificates then POST /v1/certificates/{id}/issue; true when the issue answered 200. */
export async function issueOnce(hub: HubProcess, token: string): Promise<boolean> {
  const created = await hub.json<{ id: string }>('POST', '/v1/certificates', token, cambodiaToJapan());
  if (created.status !== 201) return false;
  const issued = await hub.json('POST', `/v1/certificates/${created.body.id}/issue`, token);
  return issued.status === 200;
}
