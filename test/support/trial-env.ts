import { freshTrialDataDir } from './trial-data';

// Runs before each spec file of the jest project "trial": the hub in trial mode on a data directory
// of the file's own, and no PostgreSQL or Redis address at all, so nothing can reach a server.
process.env.HUB_MODE = 'trial';
process.env.HUB_DATA_DIR = freshTrialDataDir('spec');
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.HUB_QUEUE_PREFIX;
