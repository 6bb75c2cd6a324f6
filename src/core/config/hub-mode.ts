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

/**
 * The embedded database's buffer pool (PostgreSQL's shared_buffers, HUB_TRIAL_SHARED_BUFFERS): from
 * 1MB to 1024MB, inside the WebAssembly memory of at most 2GB that PGlite gives PostgreSQL.
 */
export const TRIAL_SHARED_BUFFERS = /^([1-9][0-9]{0,2}|10[01][0-9]|102[0-4])MB$/;
export const DEFAULT_TRIAL_SHARED_BUFFERS = '128MB';
