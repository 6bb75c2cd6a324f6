// Trial mode beside server mode: certificates created, issued, signed and stored per second through
// the API (POST /v1/certificates then POST /v1/certificates/{id}/issue, `clients` concurrent clients)
// on a trial hub (HUB_MODE=trial: embedded PostgreSQL, queues in it, on an empty data directory)
// against a server hub (local PostgreSQL and Redis, a database and prefix of its own). Each is the
// built hub, API and workers in one process, with an issuing authority holding an ACTIVE development
// key. Only one hub is loaded at a time; rounds alternate which goes first. The trial hub's first
// start (creating and migrating the embedded database) is reported once.
import { HubProcess } from '../support/hub-process';
import { issueOnce, prepareIssuer } from '../support/issuing';
import { LoadResult, runLoad } from '../support/load';
import { Scenario, alternate } from '../support/scenario';

const scenario: Scenario = {
  description: 'certificates created and issued per second in trial mode vs server mode',
  options: { seconds: 10, clients: 10 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const startedTrial = Date.now();
    const trial = await HubProcess.startTrial();
    const trialStartMs = Date.now() - startedTrial;
    let server: HubProcess | undefined;
    const stop = async () => void (await Promise.allSettled([trial.stop(), server?.stop()]));
    try {
      server = await HubProcess.start();
      const hubs = [
        { name: 'server', hub: server, token: await prepareIssuer(server, { devKey: true }) },
        { name: 'trial', hub: trial, token: await prepareIssuer(trial, { devKey: true }) },
      ];
      for (const { name, hub, token } of hubs) if (!(await issueOnce(hub, token))) throw new Error(`the ${name} hub could not issue a certificate: see its log above`);
      context.log(`trial hub first start (create and migrate the embedded database): ${(trialStartMs / 1000).toFixed(1)} s`);
      return {
        async round(round) {
          const measured: Record<string, LoadResult> = {};
          for (const { name, hub, token } of alternate(round, hubs)) measured[name] = await runLoad(`${name} create+issue`, clients, seconds, () => issueOnce(hub, token));
          return [
            {
              figure: `create + issue in trial mode, ${clients} clients`,
              unit: '/s',
              hub: measured.trial.perSecond,
              reference: { label: 'server mode', value: measured.server.perSecond },
              detail: { trialP99Ms: measured.trial.p99Ms, serverP99Ms: measured.server.p99Ms, errors: measured.trial.errors + measured.server.errors },
            },
          ];
        },
        finish: async () => [{ figure: 'trial hub first start (create and migrate the embedded database)', unit: 'ms', hub: trialStartMs }],
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

export default scenario;
