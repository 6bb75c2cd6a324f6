import { attachmentLimitsOf, validateEnvironment } from './env.validation';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecoo',
  REDIS_URL: 'redis://127.0.0.1:6379',
  HUB_ADMIN_TOKEN: 'a'.repeat(32),
};

describe('validateEnvironment: attachment limits', () => {
  it('defaults to 256 KiB a file and 512 KiB a message, which fit the default 1 MiB body in base64', () => {
    expect(attachmentLimitsOf(validateEnvironment(valid))).toEqual({ maxBytes: 256 * 1024, maxTotalBytes: 512 * 1024 });
  });

  it('shrinks the defaults to what a smaller body limit can carry', () => {
    expect(attachmentLimitsOf(validateEnvironment({ ...valid, HUB_BODY_LIMIT: '65536' }))).toEqual({ maxBytes: 36864, maxTotalBytes: 36864 });
  });

  it('takes limits that fit, and refuses ones that do not, naming them', () => {
    expect(attachmentLimitsOf(validateEnvironment({ ...valid, HUB_ATTACHMENT_MAX_BYTES: '4096', HUB_ATTACHMENTS_MAX_BYTES: '8192' }))).toEqual({ maxBytes: 4096, maxTotalBytes: 8192 });
    expect(() => validateEnvironment({ ...valid, HUB_ATTACHMENTS_MAX_BYTES: String(1024 * 1024) })).toThrow(/HUB_ATTACHMENTS_MAX_BYTES: invalid .*fit in HUB_BODY_LIMIT/);
    expect(() => validateEnvironment({ ...valid, HUB_ATTACHMENT_MAX_BYTES: '8192', HUB_ATTACHMENTS_MAX_BYTES: '4096' })).toThrow(/HUB_ATTACHMENTS_MAX_BYTES: invalid .*at least HUB_ATTACHMENT_MAX_BYTES/);
    expect(() => validateEnvironment({ ...valid, HUB_ATTACHMENT_MAX_BYTES: 'lots' })).toThrow(/HUB_ATTACHMENT_MAX_BYTES: invalid/);
    expect(() => validateEnvironment({ ...valid, HUB_BODY_LIMIT: '65536', HUB_ATTACHMENT_MAX_BYTES: String(60 * 1024) })).toThrow(/HUB_ATTACHMENT_MAX_BYTES: invalid .*fit in HUB_BODY_LIMIT/);
  });
});
