// A case type declares its states, actions, deadline rules and payload; the kernel runs it.
import type { StoredUnit } from '../platform/stored-unit.repo';
import type { z } from 'zod';
import type { Domain, Permission } from '../../shared/permissions';
import type { HolidayTable } from '../../shared/rules/calendar';
import type { Tx } from '../db/transaction';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import type { CaseRow } from './cases.repo';

/** Which unit a state waits on: the owner (e.g. the station that collected), the counterpart (the reviewer, the receiving unit), or nobody. */
export type WaitsOn = 'owner' | 'counterpart' | 'none';

export type CaseStateDef = { label: string; open: boolean; waitsOn: WaitsOn };

/** A unit a case is stored under: read under the tree lock in the writing transaction (platform/stored-unit.repo). */
export type CaseUnit = StoredUnit;

/** What an action's effect may change besides the payload: the owner unit (escalation) or the counterpart (review one level up). */
export type ActionRoute = { owner?: CaseUnit; counterpart?: CaseUnit | null };

export type ActionEnv<P> = {
  trx: Tx;
  ctx: AppContext;
  auth: AuthContext;
  caseRow: CaseRow;
  payload: P;
  comment: string;
  at: string;
  /** the action's data, parsed by its `input` schema (undefined when it has none) */
  input: unknown;
  /** set by the effect to move the case to another owner or counterpart */
  route: ActionRoute;
};

/**
 * An action's `to` that keeps the case in whatever state it is in (a progress entry allowed from
 * several states, e.g. a supervision notice 督办 or a handling entry on a petition at any stage).
 */
export const SAME_STATE = '=';

export type CaseActionDef<P> = {
  label: string;
  from: readonly string[];
  /** the state after the action, or SAME_STATE */
  to: string;
  permission: Permission;
  requireComment?: boolean;
  /**
   * Who may act: 'waiting' (default) — users whose range covers the unit the case waits on;
   * 'owner' — users whose range covers the owner unit (e.g. withdrawing one's own request).
   */
  actor?: 'waiting' | 'owner';
  /** the action's data (beyond the comment), validated before anything runs; a failure is a 400 */
  input?: z.ZodType;
  /** a further check on who may act (e.g. only the named handler), after permission and range */
  mayAct?: (c: CaseRow, auth: AuthContext, payload: P) => boolean;
  /** side effects in the same transaction; may return a new payload */
  effect?: (env: ActionEnv<P>) => Promise<P | void>;
  /**
   * Run only through `performDelegatedActionIn` by a kernel feature that checked the actor itself
   * (a lower unit's 交办 reply: it does not see the case); never offered, refused by performAction.
   */
  delegated?: true;
};

/**
 * A state's deadline, counted from the moment the case entered the state: days by the legal
 * calendar (natural or working, the start day not counted, a rest day rolling on), or hours by the
 * clock (`due_at` = entered + hours; `due_day` = the Shanghai day of `due_at`).
 */
export type DeadlineRule = { days: number; kind: 'natural' | 'working' } | { hours: number };

/** What the kernel knows of a case after a write, for its mirror columns. */
export type MirrorState<P> = {
  id: string;
  status: string;
  open: boolean;
  payload: P;
  dueDay: string | null;
  /** the instant of an hour deadline, else null */
  dueAt: string | null;
  openedAt: string;
  closedAt: string | null;
  /** the moment of the write (opening, action, holiday reload) */
  updatedAt: string;
  owner: { id: string; path: string };
  counterpart: { id: string; path: string } | null;
  waiting: { id: string; path: string } | null;
  version: number;
};

/** A column value the kernel writes into a module's table. */
export type MirrorValue = string | number | null;

/**
 * Columns of the module's own row (same id as the case) that the kernel writes from the case's
 * state, in the same transaction, on opening, after every action and when a holiday reload moves
 * a due day. The kernel is their only writer. Columns the function leaves out keep their value
 * (e.g. a stage's due day frozen once the stage is left).
 */
export type CaseMirror<P> = {
  table: string;
  columns: (state: MirrorState<P>) => Record<string, MirrorValue>;
};

export type CaseTypeDef<P extends Record<string, unknown>> = {
  type: string;
  label: string;
  /** the business domain: reading a case needs `<domain>:read`, and every action's permission is one of the domain's */
  domain: Domain;
  payload: z.ZodType<P>;
  states: Record<string, CaseStateDef>;
  actions: Record<string, CaseActionDef<P>>;
  /**
   * The deadline of a state, counted from the moment the case entered it (a status change or a new
   * waiting unit; an action that stays in the same state with the same waiting unit keeps the clock).
   */
  deadline?: (status: string, payload: P) => DeadlineRule | null;
  /**
   * Instead of `deadline`: the due day computed from the payload (clocks counted from days that are
   * not the moment of the action, extensions, paused time). Called after every action, and again
   * for open cases when a year's holiday schedule is loaded.
   */
  dueDay?: (c: { status: string; payload: P; table: HolidayTable }) => string | null;
  /** columns of the module's row that the kernel keeps in step with the case (see CaseMirror) */
  mirror?: CaseMirror<P>;
  /** what clients see of the payload (default: all of it); keep ciphertext and lookup hashes on the server */
  view?: (payload: P) => Record<string, unknown>;
  /** the link of the case's page in the web app */
  link: (c: { id: string; subject_id: string | null }) => string;
  /**
   * The module's own words for the kernel's refusals, naming the record ('该零就业家庭已销号，不能再登记'):
   * `notFound` the record's noun for a 404 of a module route (`performActionOfType`), `closed` a 409
   * for any action on a case in a closed state, `stale` a 409 for a version the actor saw that is no
   * longer current. Without them the kernel's generic 办件 wording is used.
   */
  messages?: { notFound?: string; closed?: string; stale?: string };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous payload types
type AnyCaseType = CaseTypeDef<any>;
const registry = new Map<string, AnyCaseType>();

export function defineCaseType<P extends Record<string, unknown>>(def: CaseTypeDef<P>): CaseTypeDef<P> {
  for (const [name, a] of Object.entries(def.actions)) {
    if (!a.permission.startsWith(`${def.domain}:`)) throw new Error(`case type ${def.type}: action ${name} needs ${a.permission}, not a permission of domain ${def.domain}`);
    for (const s of [...a.from, ...(a.to === SAME_STATE ? [] : [a.to])]) if (!def.states[s]) throw new Error(`case type ${def.type}: action ${name} names unknown state ${s}`);
  }
  registry.set(def.type, def);
  return def;
}

export function caseTypeOf(type: string): AnyCaseType | undefined {
  return registry.get(type);
}

export function allCaseTypes(): AnyCaseType[] {
  return [...registry.values()];
}

/** The Chinese label of the kernel's audit code `case.<type>.<action>` (e.g. 信访事项·受理), or null. */
export function caseAuditLabel(code: string): string | null {
  const m = /^case\.([^.]+)\.([^.]+)$/.exec(code);
  const def = m ? registry.get(m[1]) : undefined;
  const action = m && def && Object.hasOwn(def.actions, m[2]) ? def.actions[m[2]] : undefined;
  return def && action ? `${def.label}·${action.label}` : null;
}
