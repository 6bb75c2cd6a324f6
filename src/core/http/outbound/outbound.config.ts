import { registerAs } from '@nestjs/config';
import { EnvironmentVariables, validateEnvironment } from '../../config/env.validation';
import { DestinationPolicy, normaliseAllowedHost } from './destination-policy';
import { parseDnsServer } from './dns-servers';

export interface OutboundConfig {
  policy: DestinationPolicy;
  /** Empty: the system's resolver (getaddrinfo, /etc/hosts included). */
  dnsServers: string[];
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((entry) => entry.trim().length > 0);
}

export function outboundSettings(env: EnvironmentVariables): OutboundConfig {
  return {
    policy: {
      requireHttps: env.NODE_ENV === 'production' && env.HUB_ALLOW_HTTP_PARTNERS !== 'true',
      allowedHosts: new Set(list(env.HUB_PARTNER_ALLOWED_HOSTS).map((entry) => normaliseAllowedHost(entry) as string)),
    },
    dnsServers: list(env.HUB_DNS_SERVERS).map((entry) => parseDnsServer(entry) as string),
  };
}

export const outboundConfig = registerAs('outbound', (): OutboundConfig => outboundSettings(validateEnvironment(process.env)));
