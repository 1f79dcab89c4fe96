// A case type declares its states, actions, deadline rules and payload; the kernel runs it.
import type { StoredUnit } from '../platform/stored-unit.repo';
import type { z } from 'zod';
import type { Permission } from '../../shared/permissions';
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

export type CaseActionDef<P> = {
  label: string;
  from: readonly string[];
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
};

export type DeadlineRule = { days: number; kind: 'natural' | 'working' };

export type CaseTypeDef<P extends Record<string, unknown>> = {
  type: string;
  label: string;
  payload: z.ZodType<P>;
  states: Record<string, CaseStateDef>;
  actions: Record<string, CaseActionDef<P>>;
  /** the deadline of a state, counted from the moment the case entered it */
  deadline?: (status: string) => DeadlineRule | null;
  /**
   * Instead of `deadline`: the due day computed from the payload (clocks counted from days that are
   * not the moment of the action, extensions, paused time). Called after every action, and again
   * for open cases when a year's holiday schedule is loaded.
   */
  dueDay?: (c: { status: string; payload: P; table: HolidayTable }) => string | null;
  /** what clients see of the payload (default: all of it); keep ciphertext and lookup hashes on the server */
  view?: (payload: P) => Record<string, unknown>;
  /** the link of the case's page in the web app */
  link: (c: { id: string; subject_id: string | null }) => string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous payload types
type AnyCaseType = CaseTypeDef<any>;
const registry = new Map<string, AnyCaseType>();

export function defineCaseType<P extends Record<string, unknown>>(def: CaseTypeDef<P>): CaseTypeDef<P> {
  for (const [name, a] of Object.entries(def.actions)) {
    for (const s of [...a.from, a.to]) if (!def.states[s]) throw new Error(`case type ${def.type}: action ${name} names unknown state ${s}`);
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
