import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';

// The audit module's part of the environment, validated at boot like the core's: a bad value stops
// the process with a message naming it.
class AuditEnvironment {
  @IsOptional() @IsInt() @Min(100) @Max(600_000) HUB_AUDIT_MAX_DELAY_MS?: number;
}

export interface AuditConfig {
  /**
   * The longest an entry may wait, once its transaction committed, before it is chained and covered
   * by a signed checkpoint; `npm run audit:verify` flags entries older than this still unchained.
   */
  maxDelayMs: number;
}

export function readAuditConfig(raw: Record<string, string | undefined>): AuditConfig {
  const value = raw.HUB_AUDIT_MAX_DELAY_MS;
  const input = { HUB_AUDIT_MAX_DELAY_MS: value === undefined || value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value };
  const errors = validateSync(plainToInstance(AuditEnvironment, input));
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { maxDelayMs: (input.HUB_AUDIT_MAX_DELAY_MS as number | undefined) ?? 1000 };
}

export const auditConfig = registerAs('audit', (): AuditConfig => readAuditConfig(process.env));
