// One state machine for every lifecycle of the hub (certificates, their import status, verification
// cases, signing keys, deliveries): a table of rows with pure guards. Each lifecycle keeps its own
// rows, guard texts and refusal wording; this file only looks them up.

/** One allowed move: from a state, by an action, to a state (or one computed from the context). */
export interface TransitionRow<S extends string, A extends string, C> {
  from: S;
  action: A;
  to: S | ((ctx: C) => S | undefined);
  /** Returns why the transition may not happen, or undefined when it may. */
  guard?: (ctx: C) => string | undefined;
}

export type LifecycleResult<S extends string> = { ok: true; to: S } | { ok: false; reason: string };

export interface Lifecycle<S extends string, A extends string, C> {
  transition(from: S, action: A, ctx: C): LifecycleResult<S>;
  /** The actions some row allows from `from` (their guards not judged). */
  allowedActions(from: S): A[];
  /** No row leads out of `from`. */
  isSettled(from: S): boolean;
  /** Some row leads from `from` straight to `to` (rows whose target is computed are left out). */
  leadsTo(from: S, to: S): boolean;
}

export function defineLifecycle<S extends string, A extends string, C>(table: {
  transitions: readonly TransitionRow<S, A, C>[];
  /** Why no row allows `action` from `from`. */
  refusal: (from: S, action: A) => string;
}): Lifecycle<S, A, C> {
  const { transitions, refusal } = table;
  return {
    transition(from, action, ctx) {
      const row = transitions.find((t) => t.from === from && t.action === action);
      if (!row) return { ok: false, reason: refusal(from, action) };
      const refused = row.guard?.(ctx);
      if (refused) return { ok: false, reason: refused };
      const to = typeof row.to === 'function' ? row.to(ctx) : row.to;
      return to ? { ok: true, to } : { ok: false, reason: `no target state for ${action}` };
    },
    allowedActions: (from) => transitions.filter((t) => t.from === from).map((t) => t.action),
    isSettled: (from) => !transitions.some((t) => t.from === from),
    leadsTo: (from, to) => transitions.some((t) => t.from === from && t.to === to),
  };
}
