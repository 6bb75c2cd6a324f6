import { defineLifecycle } from './transition-table';

type Light = 'RED' | 'GREEN' | 'AMBER' | 'OFF';
type Press = 'GO' | 'WARN' | 'STOP' | 'SWITCH_OFF';
interface Ctx {
  night: boolean;
}

const light = defineLifecycle<Light, Press, Ctx>({
  transitions: [
    { from: 'RED', action: 'GO', to: 'GREEN', guard: (ctx) => (ctx.night ? 'the light blinks at night' : undefined) },
    { from: 'GREEN', action: 'WARN', to: 'AMBER' },
    { from: 'AMBER', action: 'STOP', to: (ctx) => (ctx.night ? undefined : 'RED') },
    { from: 'RED', action: 'SWITCH_OFF', to: 'OFF' },
  ],
  refusal: (from, action) => `cannot ${action} from ${from}`,
});

describe('defineLifecycle', () => {
  it("moves along a row, or says the lifecycle's own refusal when no row allows the action", () => {
    expect(light.transition('GREEN', 'WARN', { night: false })).toEqual({ ok: true, to: 'AMBER' });
    expect(light.transition('GREEN', 'GO', { night: false })).toEqual({ ok: false, reason: 'cannot GO from GREEN' });
  });

  it("refuses with the guard's reason, and passes when the guard agrees", () => {
    expect(light.transition('RED', 'GO', { night: true })).toEqual({ ok: false, reason: 'the light blinks at night' });
    expect(light.transition('RED', 'GO', { night: false })).toEqual({ ok: true, to: 'GREEN' });
  });

  it('computes the target from the context, and refuses when it computes none', () => {
    expect(light.transition('AMBER', 'STOP', { night: false })).toEqual({ ok: true, to: 'RED' });
    expect(light.transition('AMBER', 'STOP', { night: true })).toEqual({ ok: false, reason: 'no target state for STOP' });
  });

  it('lists the actions out of a state, knows the settled states and which state leads straight to which', () => {
    expect(light.allowedActions('RED')).toEqual(['GO', 'SWITCH_OFF']);
    expect(light.isSettled('OFF')).toBe(true);
    expect(light.isSettled('GREEN')).toBe(false);
    expect(light.leadsTo('RED', 'OFF')).toBe(true);
    expect(light.leadsTo('GREEN', 'RED')).toBe(false);
  });
});
