import { readAuditConfig } from './audit.config';

describe('audit configuration', () => {
  it('bounds the chaining delay at one second by default', () => {
    expect(readAuditConfig({})).toEqual({ maxDelayMs: 1000 });
    expect(readAuditConfig({ HUB_AUDIT_MAX_DELAY_MS: '' })).toEqual({ maxDelayMs: 1000 });
  });

  it('takes a bound in milliseconds', () => {
    expect(readAuditConfig({ HUB_AUDIT_MAX_DELAY_MS: '250' })).toEqual({ maxDelayMs: 250 });
  });

  it('refuses a bound that is not a whole number of milliseconds within range, naming the variable', () => {
    expect(() => readAuditConfig({ HUB_AUDIT_MAX_DELAY_MS: 'soon' })).toThrow(/HUB_AUDIT_MAX_DELAY_MS/);
    expect(() => readAuditConfig({ HUB_AUDIT_MAX_DELAY_MS: '50' })).toThrow(/HUB_AUDIT_MAX_DELAY_MS: HUB_AUDIT_MAX_DELAY_MS must not be less than 100/);
    expect(() => readAuditConfig({ HUB_AUDIT_MAX_DELAY_MS: '600001' })).toThrow(/HUB_AUDIT_MAX_DELAY_MS/);
  });
});
