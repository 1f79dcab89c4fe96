// The kernel's domain event: a case was opened or one of its actions ran (issue 16). Published by
// cases.service.ts inside the writing transaction, after the log entry, status, waiting unit and
// mirror are stored; subscribers (notifications) write in the same transaction.
import { defineEvent } from '../platform/events';

export type CaseEventUnit = { id: string; path: string };

export type CaseActed = {
  caseId: string;
  type: string;
  typeLabel: string;
  title: string;
  /** the action's name ('open' style names for the first entry: the opening action given by the module) */
  action: string;
  actionLabel: string;
  /** true for the opening entry */
  opened: boolean;
  fromStatus: string | null;
  toStatus: string;
  toStatusLabel: string;
  open: boolean;
  /** what the new state waits on, and what the state before waited on (null on opening) */
  waitsOn: 'owner' | 'counterpart' | 'none';
  fromWaitsOn: 'owner' | 'counterpart' | 'none' | null;
  owner: CaseEventUnit;
  counterpart: CaseEventUnit | null;
  /** the unit the case waits on now, and the one it waited on before the action */
  waiting: CaseEventUnit | null;
  previousWaiting: CaseEventUnit | null;
  actor: { userId: string; name: string; unitId: string; unitPath: string; unitName: string };
  /** the case's page in the web app */
  link: string;
  /** the named handler in the payload (`handlerUserId`), when the type keeps one */
  assigneeUserId: string | null;
  dueDay: string | null;
  dueAt: string | null;
  at: string;
};

export const caseActed = defineEvent<CaseActed>('cases.acted');
