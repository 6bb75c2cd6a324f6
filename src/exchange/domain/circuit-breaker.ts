export enum CircuitState {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  HALF_OPEN = 'HALF_OPEN',
}

export interface Circuit {
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: Date | null;
  /** While HALF_OPEN: the one probe call holds the circuit until then. */
  probeUntil: Date | null;
}

export interface CircuitConfig {
  /** Consecutive retryable failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe is let through. */
  cooldownMs: number;
  /** How long a probe may take before another call may probe (the prober may have died). */
  probeLeaseMs: number;
}

export type CallPermission =
  | { allowed: true; probe: boolean; next: Circuit }
  | { allowed: false; retryAt: Date; reason: string };

export const CLOSED_CIRCUIT: Circuit = { state: CircuitState.CLOSED, consecutiveFailures: 0, openedAt: null, probeUntil: null };

/** Spreads the calls a circuit held back, so they do not all return at the same millisecond. */
function spread(at: number, config: CircuitConfig, random: () => number): Date {
  return new Date(at + Math.round(random() * Math.min(1000, config.cooldownMs / 10)));
}

/**
 * Before a call to a partner: a closed circuit lets it through; an open one refuses until its
 * cooldown has passed, then lets exactly one probe through (HALF_OPEN) and holds the others back
 * until the probe has answered or its lease has run out.
 */
export function mayCall(circuit: Circuit, config: CircuitConfig, now: Date, random: () => number): CallPermission {
  const t = now.getTime();
  switch (circuit.state) {
    case CircuitState.CLOSED:
      return { allowed: true, probe: false, next: circuit };
    case CircuitState.OPEN: {
      const reopenAt = (circuit.openedAt?.getTime() ?? t) + config.cooldownMs;
      if (t < reopenAt) return { allowed: false, retryAt: spread(reopenAt, config, random), reason: 'circuit open' };
      return { allowed: true, probe: true, next: { ...circuit, state: CircuitState.HALF_OPEN, probeUntil: new Date(t + config.probeLeaseMs) } };
    }
    case CircuitState.HALF_OPEN: {
      const leaseEnd = circuit.probeUntil?.getTime() ?? t;
      if (t < leaseEnd) return { allowed: false, retryAt: spread(leaseEnd, config, random), reason: 'circuit half-open: a probe is under way' };
      return { allowed: true, probe: true, next: { ...circuit, probeUntil: new Date(t + config.probeLeaseMs) } };
    }
  }
}

/**
 * After a call: any answer of the partner's (an acknowledgement, or a final 4xx: it is up and
 * talking) closes the circuit; a retryable failure counts, opens a closed circuit at the threshold,
 * and sends a failed probe back to OPEN for another cooldown.
 */
export function afterCall(circuit: Circuit, config: CircuitConfig, outcome: 'ANSWERED' | 'FAILED', now: Date): Circuit {
  if (outcome === 'ANSWERED') return CLOSED_CIRCUIT;
  const failures = circuit.consecutiveFailures + 1;
  switch (circuit.state) {
    case CircuitState.HALF_OPEN:
      return { state: CircuitState.OPEN, consecutiveFailures: failures, openedAt: now, probeUntil: null };
    case CircuitState.OPEN:
      // A call that started before the circuit opened: counted, the cooldown is not extended.
      return { ...circuit, consecutiveFailures: failures };
    case CircuitState.CLOSED:
      return failures >= config.failureThreshold
        ? { state: CircuitState.OPEN, consecutiveFailures: failures, openedAt: now, probeUntil: null }
        : { ...circuit, consecutiveFailures: failures };
  }
}

export function sameCircuit(a: Circuit, b: Circuit): boolean {
  return a.state === b.state && a.consecutiveFailures === b.consecutiveFailures && a.openedAt?.getTime() === b.openedAt?.getTime() && a.probeUntil?.getTime() === b.probeUntil?.getTime();
}
