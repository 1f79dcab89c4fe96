// A case type declares its states, actions, deadline rules and payload; the kernel runs it.
import type { z } from 'zod';
import type { Permission } from '../../shared/permissions';
import type { Tx } from '../db/transaction';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import type { CaseRow } from './cases.repo';

/** Which unit a state waits on: the owner (e.g. the station that collected), the counterpart (the reviewer, the receiving unit), or nobody. */
export type WaitsOn = 'owner' | 'counterpart' | 'none';

export type CaseStateDef = { label: string; open: boolean; waitsOn: WaitsOn };

export type ActionEnv<P> = {
  trx: Tx;
  ctx: AppContext;
  auth: AuthContext;
  caseRow: CaseRow;
  payload: P;
  comment: string;
  at: string;
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
