/**
 * How the hub stores its data. SERVER: PostgreSQL and Redis, for production. TRIAL: an embedded
 * PostgreSQL in this process (data in HUB_DATA_DIR) carrying the queues too, for one machine and
 * light load. Trial mode is only ever chosen explicitly (HUB_MODE=trial), never by a missing
 * variable, so a typo in production cannot send certificates to a local directory.
 */
export enum HubMode {
  SERVER = 'server',
  TRIAL = 'trial',
}

export const DEFAULT_TRIAL_DATA_DIR = './data';
