import { promises as dns, LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DestinationPolicy, DestinationProblem, resolvedAddressProblem } from './destination-policy';

/** A host name's addresses, however they are found. */
export type AddressResolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), as the rest of the machine resolves. */
export function systemResolver(): AddressResolver {
  return (hostname) => dns.lookup(hostname, { all: true, verbatim: true });
}

/** The DNS servers the operator named (HUB_DNS_SERVERS), asked for A and AAAA records. */
export function serverResolver(servers: string[]): AddressResolver {
  const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers(servers);
  return async (hostname) => {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const addresses: LookupAddress[] = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (addresses.length > 0) return addresses;
    throw v4.status === 'rejected' ? v4.reason : Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
  };
}

/** A connection the policy forbids at the address the host name resolved to (DNS rebinding, or a host that moved). */
export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';

  constructor(readonly problem: DestinationProblem) {
    super(problem.message);
  }
}

/**
 * The `lookup` net.connect and tls.connect call as a socket connects: every address the host name
 * resolves to is checked, and the socket connects only to an address that was checked, so an answer
 * that changes between a check and the connection (DNS rebinding) cannot slip through. One forbidden
 * address among several refuses them all: a mixed answer is the mark of an attack.
 */
export function guardedLookup(resolve: AddressResolver, policy: DestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        for (const { address } of addresses) {
          const problem = resolvedAddressProblem(hostname, address, policy);
          if (problem) return callback(new DestinationRefusedError(problem), '', 0);
        }
        const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        // Node's own connect asks for every address (all: true) to try them in turn.
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
        return callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
