import { localDaysBetween, nextDue, periodMs } from './cadence.js';
import { parseWindow, type Routine, type Team, type TeamMember } from './schema.js';

/**
 * One entry of the append-only sign-off log. An `undo` never deletes: it names
 * the sign-off it cancels, and the audit trail keeps both.
 */
export interface Signoff {
  id: string;
  routine: string;
  kind: 'done' | 'undo';
  at: Date;
  /** Team member name (or `ronde` for an automatic completion). */
  by: string;
  /** The Unix account that ran `ronde done`, for the audit trail. */
  osUser: string;
  note: string;
  /** Checklist items ticked, 1-based as in `ronde done --item N`. */
  items: number[];
  /** For `undo`: the id of the sign-off it cancels. */
  undoes?: string;
}

export type RoutineStatus = 'ok' | 'due_soon' | 'due' | 'overdue';

export interface RoutineState {
  status: RoutineStatus;
  lastDone?: { by: string; at: Date; note: string; items: number[] };
  nextDue: Date;
  /** Calendar days since the due day, in the configured timezone (overdue only). */
  overdueDays?: number;
}

export interface StateOptions {
  /** When the routine first appeared in the config: a routine never done is due from then. */
  configuredAt: Date;
  /** Share of the cadence shown as due soon (default 0.15). */
  dueSoonFraction?: number;
  /** Cap of the due-soon window, in days (default 7). */
  dueSoonMaxDays?: number;
}

/** The `done` entries still in force: those no `undo` names, in log order. */
export function effectiveSignoffs(signoffs: readonly Signoff[]): Signoff[] {
  const undone = new Set<string>();
  for (const s of signoffs) if (s.kind === 'undo' && s.undoes !== undefined) undone.add(s.undoes);
  return signoffs.filter((s) => s.kind === 'done' && !undone.has(s.id));
}

/** The latest sign-off in force (by time; on equal times the later log entry). */
function latest(signoffs: readonly Signoff[]): Signoff | undefined {
  let best: Signoff | undefined;
  for (const s of signoffs) if (!best || s.at.getTime() >= best.at.getTime()) best = s;
  return best;
}

const DAY_MS = 86_400_000;

/** Where a routine stands at `now`: "due" on the local due day, "overdue" from the next local day. */
export function routineState(
  routine: Routine,
  signoffs: readonly Signoff[],
  now: Date,
  tz: string,
  opts: StateOptions,
): RoutineState {
  const mine = effectiveSignoffs(signoffs.filter((s) => s.routine === routine.id));
  const last = latest(mine);
  const due = nextDue(routine, last?.at ?? null, opts.configuredAt, tz);
  const state: RoutineState = { status: 'ok', nextDue: due };
  if (last) state.lastDone = { by: last.by, at: last.at, note: last.note, items: [...last.items] };

  const days = localDaysBetween(due, now, tz);
  if (days > 0) return { ...state, status: 'overdue', overdueDays: days };
  if (days === 0) return { ...state, status: 'due' };
  const window = dueSoonWindowMs(routine, due, tz, opts);
  if (now.getTime() >= due.getTime() - window) return { ...state, status: 'due_soon' };
  return state;
}

/** The due-soon window: the routine's `due_soon`, else the last 15 % of the cadence, at most 7 days. */
export function dueSoonWindowMs(
  routine: Routine,
  due: Date,
  tz: string,
  opts: Pick<StateOptions, 'dueSoonFraction' | 'dueSoonMaxDays'> = {},
): number {
  if (routine.due_soon !== undefined) return parseWindow(routine.due_soon);
  const fraction = opts.dueSoonFraction ?? 0.15;
  const maxDays = opts.dueSoonMaxDays ?? 7;
  return Math.min(periodMs(routine, due, tz) * fraction, maxDays * DAY_MS);
}

export interface LinkedChecks {
  /** Since when every linked check has been OK without a break (null: one is not OK now). */
  okSince: Date | null;
  /** Time of the newest result among the linked checks. */
  lastResultAt: Date | null;
}

/**
 * `done_when: checks_ok`: once the routine is due, it is done as soon as every
 * linked check is OK with a result after the due time — e.g. R1 "no pending
 * updates anywhere" after someone upgraded. Returns the time of the automatic
 * sign-off the caller should append (by `ronde`): when they all became OK, or
 * the due time if they already were (so the cadence stays regular). Otherwise null.
 */
export function autoCompletion(routine: Routine, state: RoutineState, checks: LinkedChecks): Date | null {
  if (routine.done_when !== 'checks_ok') return null;
  if (state.status !== 'due' && state.status !== 'overdue') return null;
  if (!checks.okSince || !checks.lastResultAt) return null;
  if (checks.lastResultAt.getTime() < state.nextDue.getTime()) return null;
  return new Date(Math.max(checks.okSince.getTime(), state.nextDue.getTime()));
}

/**
 * The fair choice of who does the next routine: the member who has not signed
 * any routine off for longest. Never = first; ties keep the config order.
 */
export function whoIsNext(team: Team, signoffs: readonly Signoff[]): TeamMember | undefined {
  const lastBy = new Map<string, number>();
  for (const s of effectiveSignoffs(signoffs)) {
    const t = s.at.getTime();
    if ((lastBy.get(s.by) ?? Number.NEGATIVE_INFINITY) < t) lastBy.set(s.by, t);
  }
  let best: TeamMember | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const m of team) {
    const at = lastBy.get(m.name) ?? Number.NEGATIVE_INFINITY;
    if (best === undefined || at < bestAt) {
      best = m;
      bestAt = at;
    }
  }
  return best;
}
