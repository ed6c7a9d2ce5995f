/**
 * A small state machine shared by the self-assessment and development plan workflows: which role may take each
 * action, from which states, and the state it leads to. Pure, so every allowed and refused move can be tested.
 */
export interface Step<State extends string, Role extends string> {
  by: readonly Role[];
  from: readonly State[];
  /** The state afterwards; left out when the action records something without moving the state. */
  to?: State;
  /** How the action reads after "cannot be", e.g. "confirmed". */
  done: string;
  /** The refusal when the text this action needs (a comment, a reason) is blank. */
  needsText?: string;
}

export type StepResult<State extends string> = { ok: true; next: State } | { ok: false; reason: string };

export interface Workflow<State extends string, Action extends string, Role extends string> {
  transition(state: State, action: Action, role: Role, text?: string | null): StepResult<State>;
  /** Whether this role may ever take the action, whatever the state: pages refuse anyone else as "not found". */
  permits(action: Action, role: Role): boolean;
  /** What this role may do now (an action needing text still needs it). */
  allowedActions(state: State, role: Role): Action[];
}

export function workflow<State extends string, Action extends string, Role extends string>(spec: {
  steps: Record<Action, Step<State, Role>>;
  /** Why this role may not take the action at all. */
  wrongRole(action: Action, role: Role): string;
  /** Why the action cannot be taken from this state, e.g. "This goal is achieved, so it cannot be dropped." */
  wrongState(state: State, done: string): string;
}): Workflow<State, Action, Role> {
  const actions = Object.keys(spec.steps) as Action[];
  const permitted = (state: State, action: Action, role: Role): StepResult<State> => {
    const step = spec.steps[action];
    if (!step.by.includes(role)) return { ok: false, reason: spec.wrongRole(action, role) };
    if (!step.from.includes(state)) return { ok: false, reason: spec.wrongState(state, step.done) };
    return { ok: true, next: step.to ?? state };
  };
  return {
    transition(state, action, role, text) {
      const result = permitted(state, action, role);
      const { needsText } = spec.steps[action];
      if (result.ok && needsText && !text?.trim()) return { ok: false, reason: needsText };
      return result;
    },
    permits: (action, role) => spec.steps[action].by.includes(role),
    allowedActions: (state, role) => actions.filter((action) => permitted(state, action, role).ok),
  };
}
