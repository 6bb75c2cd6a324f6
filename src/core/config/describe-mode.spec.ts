import { startupWarnings } from './describe-mode';
import type { EnvironmentVariables } from './env.validation';

const production = (env: Partial<EnvironmentVariables>) => ({ NODE_ENV: 'production', HUB_METRICS_TOKEN: 'set', ...env }) as EnvironmentVariables;

describe('start-up warnings of a production hub', () => {
  it('say that X-Forwarded-For is ignored while HUB_TRUSTED_PROXIES is unset, and what that does behind a load balancer', () => {
    const warnings = startupWarnings(production({}));
    expect(warnings).toEqual([expect.stringContaining('HUB_TRUSTED_PROXIES is not set: X-Forwarded-For is ignored')]);
    expect(warnings[0]).toContain('one rate limit');
  });

  it('say nothing of it once proxies are listed, nor outside production', () => {
    expect(startupWarnings(production({ HUB_TRUSTED_PROXIES: '10.0.0.0/8' }))).toEqual([]);
    expect(startupWarnings({ NODE_ENV: 'development' } as EnvironmentVariables)).toEqual([]);
  });
});
