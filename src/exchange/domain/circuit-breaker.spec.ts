import { CLOSED_CIRCUIT, CircuitState, afterCall, mayCall } from './circuit-breaker';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const config = { failureThreshold: 3, cooldownMs: 30000, probeLeaseMs: 15000 };
const at = (ms: number) => new Date(NOW.getTime() + ms);
const noJitter = () => 0;

describe('circuit breaker per partner', () => {
  it('lets every call through while closed', () => {
    expect(mayCall(CLOSED_CIRCUIT, config, NOW, noJitter)).toEqual({ allowed: true, probe: false, next: CLOSED_CIRCUIT });
  });

  it('opens after the threshold of consecutive failures, and an answer in between starts the count again', () => {
    let circuit = afterCall(CLOSED_CIRCUIT, config, 'FAILED', NOW);
    circuit = afterCall(circuit, config, 'FAILED', NOW);
    expect(circuit).toMatchObject({ state: CircuitState.CLOSED, consecutiveFailures: 2 });
    expect(afterCall(circuit, config, 'ANSWERED', NOW)).toEqual(CLOSED_CIRCUIT);
    circuit = afterCall(circuit, config, 'FAILED', at(5));
    expect(circuit).toEqual({ state: CircuitState.OPEN, consecutiveFailures: 3, openedAt: at(5), probeUntil: null });
  });

  it('refuses calls while open until the cooldown has passed', () => {
    const open = { state: CircuitState.OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: null };
    expect(mayCall(open, config, at(29999), noJitter)).toEqual({ allowed: false, retryAt: at(30000), reason: 'circuit open' });
  });

  it('spreads the calls it holds back over at most a second', () => {
    const open = { state: CircuitState.OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: null };
    expect(mayCall(open, config, at(1), () => 0.5)).toMatchObject({ retryAt: at(30500) });
  });

  it('lets one probe through after the cooldown and holds the others back while it runs', () => {
    const open = { state: CircuitState.OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: null };
    const probe = mayCall(open, config, at(30000), noJitter);
    expect(probe).toEqual({ allowed: true, probe: true, next: { ...open, state: CircuitState.HALF_OPEN, probeUntil: at(45000) } });
    const halfOpen = probe.allowed ? probe.next : open;
    expect(mayCall(halfOpen, config, at(31000), noJitter)).toEqual({ allowed: false, retryAt: at(45000), reason: 'circuit half-open: a probe is under way' });
  });

  it('lets another probe through when the first one never came back', () => {
    const halfOpen = { state: CircuitState.HALF_OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: at(45000) };
    expect(mayCall(halfOpen, config, at(45000), noJitter)).toEqual({ allowed: true, probe: true, next: { ...halfOpen, probeUntil: at(60000) } });
  });

  it('closes on an answer to the probe and opens again for another cooldown on a failure', () => {
    const halfOpen = { state: CircuitState.HALF_OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: at(45000) };
    expect(afterCall(halfOpen, config, 'ANSWERED', at(31000))).toEqual(CLOSED_CIRCUIT);
    expect(afterCall(halfOpen, config, 'FAILED', at(31000))).toEqual({ state: CircuitState.OPEN, consecutiveFailures: 4, openedAt: at(31000), probeUntil: null });
  });

  it('does not extend the cooldown for a late failure of a call made before the circuit opened', () => {
    const open = { state: CircuitState.OPEN, consecutiveFailures: 3, openedAt: NOW, probeUntil: null };
    expect(afterCall(open, config, 'FAILED', at(2000))).toEqual({ ...open, consecutiveFailures: 4 });
  });
});
