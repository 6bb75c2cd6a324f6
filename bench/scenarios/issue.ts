// Issuance through the API: certificates created and issued (POST /v1/certificates then POST
// /v1/certificates/{id}/issue) per second by `clients` concurrent clients, against GET /health under
// the same load (what the HTTP stack answers on this machine right now), alternating which goes first.
// The built hub runs API and worker in one process on a database of its own; the issuer holds an
// ACTIVE development key (issuing signs, and refuses without a key).
import { HubProcess } from '../support/hub-process';
import { issueOnce, prepareIssuer } from '../support/issuing';
import { healthOnce, runLoad } from '../support/load';
import { Scenario, alternate } from '../support/scenario';

const scenario: Scenario = {
  description: 'certificates created and issued per second through the API vs GET /health',
  options: { seconds: 10, clients: 10 },
  async start(context) {
    const seconds = context.option('seconds');
    const clients = context.option('clients');
    const hub = await HubProcess.start();
    try {
      const token = await prepareIssuer(hub, { devKey: true });
      if (!(await issueOnce(hub, token))) throw new Error('a certificate could not be issued: check the hub log above');
      return {
        async round(round) {
          const measured = new Map<string, Awaited<ReturnType<typeof runLoad>>>();
          for (const which of alternate(round, ['issue', 'health'])) {
            measured.set(which, which === 'health' ? await runLoad('GET /health', clients, seconds, () => healthOnce(hub.url)) : await runLoad('create+issue', clients, seconds, () => issueOnce(hub, token)));
          }
          const issue = measured.get('issue')!;
          const health = measured.get('health')!;
          return [
            {
              figure: `create + issue, ${clients} clients`,
              unit: '/s',
              hub: issue.perSecond,
              reference: { label: 'GET /health', value: health.perSecond },
              detail: { p50Ms: issue.p50Ms, p99Ms: issue.p99Ms, errors: issue.errors, healthP99Ms: health.p99Ms },
            },
          ];
        },
        stop: () => hub.stop(),
      };
    } catch (error) {
      await hub.stop();
      throw error;
    }
  },
};

export default scenario;
