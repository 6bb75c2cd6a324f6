import { CLOSED_CIRCUIT } from '../domain/circuit-breaker';
import { PartnerView } from '../dto/partner.view';
import { PartnerCircuitEntity } from '../entities/partner-circuit.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { readNodeCertificate } from './node-certificate';

export function toPartnerView(partner: PartnerEntity, circuit: PartnerCircuitEntity | null): PartnerView {
  const certificate = readNodeCertificate(partner.nodeCertificatePem);
  const facts = certificate.ok ? certificate.facts : undefined;
  const state = circuit ?? CLOSED_CIRCUIT;
  return {
    id: partner.id,
    code: partner.code,
    name: partner.name,
    endpointUrl: partner.endpointUrl,
    deliveryMode: partner.deliveryMode,
    pullFrom: partner.pullFromUrl ? { url: partner.pullFromUrl, everyMs: partner.pullEveryMs, consecutiveFailures: partner.pullFailures } : null,
    routes: partner.routes.map((r) => ({ country: r.country, authority: r.authority })),
    countries: [...partner.countries],
    authorities: [...new Set(partner.routes.map((r) => r.authority))],
    messageTypes: [...partner.messageTypes],
    renditions: [...(partner.renditions ?? [])],
    receipts: partner.receipts,
    outboundAuth: { type: partner.outboundAuthType, tokenStored: partner.outboundTokenSealed !== null },
    inboundAuth: { tokenPrefix: partner.inboundTokenPrefix },
    nodeCertificate: {
      pem: partner.nodeCertificatePem,
      fingerprintSha256: partner.nodeCertificateSha256,
      subject: facts?.subject ?? '',
      notBefore: facts?.notBefore.toISOString() ?? '',
      notAfter: facts?.notAfter.toISOString() ?? '',
    },
    retry: { maxAttempts: partner.maxAttempts, baseDelayMs: partner.baseDelayMs, maxDelayMs: partner.maxDelayMs, maxAgeMs: partner.maxAgeMs },
    timeoutMs: partner.timeoutMs,
    circuitBreaker: {
      failureThreshold: partner.breakerFailureThreshold,
      cooldownMs: partner.breakerCooldownMs,
      state: state.state,
      consecutiveFailures: state.consecutiveFailures,
      openedAt: state.openedAt?.toISOString() ?? null,
    },
    delivery: { concurrency: partner.deliveryConcurrency, connections: partner.poolConnections, maxPerSecond: partner.rateLimitPerSecond ?? 0 },
    paused: partner.paused,
    active: partner.active,
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
  };
}
