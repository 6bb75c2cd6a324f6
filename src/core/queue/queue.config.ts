import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';

// The queue's part of the environment, validated at boot like the rest.
class QueueEnvironment {
  @IsOptional() @IsInt() @Min(1000) @Max(600_000) HUB_QUEUE_LOCK_MS?: number;
}

export interface QueueTuning {
  /**
   * How long a job stays claimed by its worker without the worker renewing the claim (BullMQ's lock
   * duration, and the interval of its stalled-job check): a job whose worker died runs again
   * elsewhere within about twice this. A live worker renews it every half of it.
   */
  lockMs: number;
}

export function readQueueConfig(raw: Record<string, string | undefined>): QueueTuning {
  const value = raw.HUB_QUEUE_LOCK_MS;
  const input = value === undefined || value === '' ? {} : { HUB_QUEUE_LOCK_MS: /^\d+$/.test(value) ? Number(value) : value };
  const env = plainToInstance(QueueEnvironment, input);
  const errors = validateSync(env);
  if (errors.length > 0) {
    throw new Error(`Invalid configuration:\n${errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n')}`);
  }
  return { lockMs: env.HUB_QUEUE_LOCK_MS ?? 30_000 };
}

// Its own namespace: `queue` (hub.config.ts) says where the queues live, this how workers hold their jobs.
export const queueTuningConfig = registerAs('queueTuning', (): QueueTuning => readQueueConfig(process.env));
