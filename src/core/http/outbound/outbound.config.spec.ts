import { validateEnvironment } from '../../config/env.validation';
import { outboundSettings } from './outbound.config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecoo', REDIS_URL: 'redis://127.0.0.1:6379', HUB_ADMIN_TOKEN: 'Tq7vXw2LrB9mKc4ZpN8sYd3HfJ6gA1eU' };

describe('outbound configuration', () => {
  it('requires https under production unless HUB_ALLOW_HTTP_PARTNERS=true, and never outside it', () => {
    expect(outboundSettings(validateEnvironment(base)).policy.requireHttps).toBe(false);
    expect(outboundSettings(validateEnvironment({ ...base, NODE_ENV: 'production' })).policy.requireHttps).toBe(true);
    expect(outboundSettings(validateEnvironment({ ...base, NODE_ENV: 'production', HUB_ALLOW_HTTP_PARTNERS: 'true' })).policy.requireHttps).toBe(false);
  });

  it('reads the allowed hosts and DNS servers, normalised', () => {
    const settings = outboundSettings(validateEnvironment({ ...base, HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1, Partner.Example.org,::1', HUB_DNS_SERVERS: '127.0.0.1:5353' }));
    expect([...settings.policy.allowedHosts]).toEqual(['127.0.0.1', 'partner.example.org', '[::1]']);
    expect(settings.dnsServers).toEqual(['127.0.0.1:5353']);
    expect(outboundSettings(validateEnvironment(base))).toEqual({ policy: { requireHttps: false, allowedHosts: new Set() }, dnsServers: [] });
  });

  it('refuses entries that are not hosts, or that hide an address, naming the entry', () => {
    expect(() => validateEnvironment({ ...base, HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1,2130706433' })).toThrow(
      'HUB_PARTNER_ALLOWED_HOSTS: invalid (HUB_PARTNER_ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses in their usual form, without port; "2130706433" is not one)',
    );
    expect(() => validateEnvironment({ ...base, HUB_PARTNER_ALLOWED_HOSTS: 'partner.example.org:443' })).toThrow(/HUB_PARTNER_ALLOWED_HOSTS: invalid/);
    expect(() => validateEnvironment({ ...base, HUB_DNS_SERVERS: 'dns.example.org' })).toThrow(/HUB_DNS_SERVERS: invalid .*"dns.example.org" is not one/);
    expect(() => validateEnvironment({ ...base, HUB_ALLOW_HTTP_PARTNERS: 'yes' })).toThrow('HUB_ALLOW_HTTP_PARTNERS must be true or false');
  });
});
