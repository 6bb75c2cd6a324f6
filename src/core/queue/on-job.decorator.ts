import { SetMetadata } from '@nestjs/common';

export const ON_JOB = 'hub:on-job';

export interface OnJobOptions<T> {
  /** The job's name: the registry dispatches on it. */
  name: string;
  /** The queue it runs on; the shared maintenance queue unless said otherwise. */
  queue?: string;
  /** Repeats every this many milliseconds (the scheduler id is the job name); a function reads the provider's config. */
  every?: number | ((provider: T) => number);
}

/**
 * Marks a provider's method as the handler of one job, which the JobRegistry discovers at start and
 * runs with the job (`{ id, name, data, attemptsMade }`); what it returns is the job's result.
 */
export function OnJob<T extends object = object>(options: OnJobOptions<T>): MethodDecorator {
  return SetMetadata(ON_JOB, options);
}
