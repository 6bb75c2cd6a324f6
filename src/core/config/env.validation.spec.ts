import { ConfigValidationError, validateEnvironment } from './env.validation';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecoo',
  REDIS_URL: 'redis://127.0.0.1:6379',
  HUB_ADMIN_TOKEN: 'Tq7vXw2LrB9mKc4ZpN8sYd3HfJ6gA1eU',
};

describe('validateEnvironment', () => {
  it('accepts a minimal environment and converts PORT', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      validateEnvironment({ ...valid, DATABASE_URL: 'mysql://x', PORT: 'eighty', HUB_ADMIN_TOKEN: undefined });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('PORT');
    expect(message).toMatch(/HUB_ADMIN_TOKEN: missing/);
  });

  it('refuses the unsigned benchmark mode under NODE_ENV=production, and only there', () => {
    expect(() => validateEnvironment({ ...valid, NODE_ENV: 'production', HUB_BENCH_DIGEST_ONLY: 'true' })).toThrow(/HUB_BENCH_DIGEST_ONLY: invalid .*refused when NODE_ENV=production/);
    expect(validateEnvironment({ ...valid, NODE_ENV: 'production', HUB_BENCH_DIGEST_ONLY: 'false' }).HUB_BENCH_DIGEST_ONLY).toBe('false');
    expect(validateEnvironment({ ...valid, HUB_BENCH_DIGEST_ONLY: 'true' }).HUB_BENCH_DIGEST_ONLY).toBe('true');
  });

  it('reads the batch body limit as bytes, and refuses one that is not a whole number from 1 KiB to 64 MiB', () => {
    expect(validateEnvironment({ ...valid, HUB_BATCH_BODY_LIMIT: '8388608' }).HUB_BATCH_BODY_LIMIT).toBe(8388608);
    expect(validateEnvironment(valid).HUB_BATCH_BODY_LIMIT).toBeUndefined();
    expect(() => validateEnvironment({ ...valid, HUB_BATCH_BODY_LIMIT: '4MB' })).toThrow(/HUB_BATCH_BODY_LIMIT/);
    expect(() => validateEnvironment({ ...valid, HUB_BATCH_BODY_LIMIT: '512' })).toThrow(/HUB_BATCH_BODY_LIMIT/);
    expect(() => validateEnvironment({ ...valid, HUB_BATCH_BODY_LIMIT: String(65 * 1024 * 1024) })).toThrow(/HUB_BATCH_BODY_LIMIT/);
  });

  it('refuses a short operator token', () => {
    expect(() => validateEnvironment({ ...valid, HUB_ADMIN_TOKEN: 'short' })).toThrow(/HUB_ADMIN_TOKEN/);
  });

  it('refuses a weak operator token under NODE_ENV=production, and only there, saying why', () => {
    const weak = { ...valid, HUB_ADMIN_TOKEN: 'operator-password-operator-password' };
    expect(validateEnvironment(weak).HUB_ADMIN_TOKEN).toBe(weak.HUB_ADMIN_TOKEN);
    expect(() => validateEnvironment({ ...weak, NODE_ENV: 'production' })).toThrow(/HUB_ADMIN_TOKEN: invalid \(HUB_ADMIN_TOKEN is too weak for production: it is a word or a run of one pattern/);
    expect(() => validateEnvironment({ ...valid, HUB_ADMIN_TOKEN: 'a'.repeat(32), NODE_ENV: 'production' })).toThrow(
      /HUB_ADMIN_TOKEN: invalid \(HUB_ADMIN_TOKEN is too weak for production: it is a word or a run of one pattern \(it repeats one unit of 1 character\)/,
    );
    expect(validateEnvironment({ ...valid, NODE_ENV: 'production' }).HUB_ADMIN_TOKEN).toBe(valid.HUB_ADMIN_TOKEN);
  });

  it('takes a metrics token of 24 visible characters or more, and a strong one under production', () => {
    expect(validateEnvironment({ ...valid, HUB_METRICS_TOKEN: 'mT4-pQ9xR2vL7wK3nB8cZ5yH1jF6dS0a' }).HUB_METRICS_TOKEN).toBe('mT4-pQ9xR2vL7wK3nB8cZ5yH1jF6dS0a');
    expect(() => validateEnvironment({ ...valid, HUB_METRICS_TOKEN: 'short' })).toThrow(/HUB_METRICS_TOKEN: invalid \(HUB_METRICS_TOKEN must be at least 24 characters/);
    expect(() => validateEnvironment({ ...valid, HUB_METRICS_TOKEN: 'has a space in it, 0123456789' })).toThrow(/HUB_METRICS_TOKEN must be visible ASCII characters/);
    expect(() => validateEnvironment({ ...valid, NODE_ENV: 'production', HUB_METRICS_TOKEN: 'metrics-metrics-metrics-metrics' })).toThrow(/HUB_METRICS_TOKEN is too weak for production/);
    expect(() => validateEnvironment({ ...valid, HUB_PUBLIC_DOCS: 'no' })).toThrow('HUB_PUBLIC_DOCS must be true or false');
  });

  it('takes HUB_DB_PREPARED_STATEMENTS as true or false only', () => {
    expect(validateEnvironment({ ...valid, HUB_DB_PREPARED_STATEMENTS: 'false' }).HUB_DB_PREPARED_STATEMENTS).toBe('false');
    expect(() => validateEnvironment({ ...valid, HUB_DB_PREPARED_STATEMENTS: 'off' })).toThrow('HUB_DB_PREPARED_STATEMENTS must be true or false');
  });

  it('refuses a short or patterned HUB_MASTER_KEY, saying what it needs', () => {
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: 'abcd' })).toThrow(/HUB_MASTER_KEY: invalid \(HUB_MASTER_KEY must hold at least 32 random bytes/);
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: '00'.repeat(32) })).toThrow(/not random/);
    const env = validateEnvironment({ ...valid, HUB_MASTER_KEY: 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef', HUB_MASTER_KEY_VERSION: '3' });
    expect(env.HUB_MASTER_KEY_VERSION).toBe(3);
  });

  it('takes the previous master key during a rotation under the same rules, beside a different HUB_MASTER_KEY only', () => {
    const oldKey = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
    const newKey = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';
    expect(validateEnvironment({ ...valid, HUB_MASTER_KEY: newKey, HUB_MASTER_KEY_PREVIOUS: oldKey }).HUB_MASTER_KEY_PREVIOUS).toBe(oldKey);
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: newKey, HUB_MASTER_KEY_PREVIOUS: 'abcd' })).toThrow(
      /HUB_MASTER_KEY_PREVIOUS: invalid \(HUB_MASTER_KEY_PREVIOUS must hold at least 32 random bytes/,
    );
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: newKey, HUB_MASTER_KEY_PREVIOUS: '00'.repeat(32) })).toThrow(/HUB_MASTER_KEY_PREVIOUS must hold .*not random/);
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: oldKey, HUB_MASTER_KEY_PREVIOUS: oldKey })).toThrow(/HUB_MASTER_KEY_PREVIOUS is the same as HUB_MASTER_KEY/);
    expect(() => validateEnvironment({ ...valid, HUB_MASTER_KEY: undefined, HUB_MASTER_KEY_PREVIOUS: oldKey })).toThrow(/HUB_MASTER_KEY_PREVIOUS is only read beside HUB_MASTER_KEY/);
  });

  it('reads the public verification limits as integers and refuses a limit of zero or a bad public URL', () => {
    const env = validateEnvironment({ ...valid, HUB_PUBLIC_RATE_LIMIT: '30', HUB_PUBLIC_RATE_WINDOW_SECONDS: '60', HUB_VERIFY_UPLOAD_LIMIT: '65536' });
    expect([env.HUB_PUBLIC_RATE_LIMIT, env.HUB_PUBLIC_RATE_WINDOW_SECONDS, env.HUB_VERIFY_UPLOAD_LIMIT]).toEqual([30, 60, 65536]);
    expect(() => validateEnvironment({ ...valid, HUB_PUBLIC_RATE_LIMIT: '0' })).toThrow(/HUB_PUBLIC_RATE_LIMIT: invalid/);
    expect(() => validateEnvironment({ ...valid, HUB_PUBLIC_RATE_WINDOW_SECONDS: 'a minute' })).toThrow(/HUB_PUBLIC_RATE_WINDOW_SECONDS: invalid/);
    expect(() => validateEnvironment({ ...valid, HUB_PUBLIC_URL: 'verify.example.org' })).toThrow(/HUB_PUBLIC_URL: invalid/);
  });

  describe('HUB_MODE', () => {
    const trial = { HUB_MODE: 'trial', HUB_ADMIN_TOKEN: 'a'.repeat(32) };

    it('is server when unset or empty, and then needs DATABASE_URL and REDIS_URL', () => {
      expect(validateEnvironment(valid).HUB_MODE).toBeUndefined();
      expect(validateEnvironment({ ...valid, HUB_MODE: '' }).HUB_MODE).toBeUndefined();
      expect(validateEnvironment({ ...valid, HUB_MODE: 'server' }).HUB_MODE).toBe('server');
      expect(() => validateEnvironment({ HUB_ADMIN_TOKEN: 'a'.repeat(32) })).toThrow(/DATABASE_URL: missing[\s\S]*REDIS_URL: missing/);
      expect(() => validateEnvironment({ ...trial, HUB_MODE: 'server' })).toThrow(/DATABASE_URL: missing/);
    });

    it('is trial only when set to exactly "trial", which needs neither DATABASE_URL nor REDIS_URL', () => {
      const env = validateEnvironment({ ...trial, HUB_DATA_DIR: '/var/tmp/hub' });
      expect(env.HUB_MODE).toBe('trial');
      expect(env.HUB_DATA_DIR).toBe('/var/tmp/hub');
    });

    it('refuses any other value, naming it, rather than guess a mode', () => {
      for (const value of ['trail', 'Trial', 'TRIAL', 'production', 'embedded']) {
        expect(() => validateEnvironment({ ...valid, HUB_MODE: value })).toThrow(`HUB_MODE: invalid (HUB_MODE must be "server" or "trial", not "${value}")`);
      }
    });

    it('takes the embedded buffer pool as a size from 1MB to 1024MB, and nothing else', () => {
      for (const value of ['1MB', '16MB', '128MB', '1024MB']) expect(validateEnvironment({ ...trial, HUB_TRIAL_SHARED_BUFFERS: value }).HUB_TRIAL_SHARED_BUFFERS).toBe(value);
      for (const value of ['0MB', '1025MB', '16', '16mb', '1GB', '16MB; DROP', ' 16MB']) {
        expect(() => validateEnvironment({ ...trial, HUB_TRIAL_SHARED_BUFFERS: value })).toThrow('HUB_TRIAL_SHARED_BUFFERS must be a size from 1MB to 1024MB, such as 16MB');
      }
    });

    it('refuses trial mode under NODE_ENV=production', () => {
      expect(() => validateEnvironment({ ...trial, NODE_ENV: 'production' })).toThrow(/HUB_MODE: invalid \(HUB_MODE=trial .* refused when NODE_ENV=production\)/);
      expect(validateEnvironment({ ...valid, HUB_MODE: 'server', NODE_ENV: 'production' }).HUB_MODE).toBe('server');
    });
  });
});
