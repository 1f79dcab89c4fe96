// Notifications subscribe to the kernel's case event (in the acting transaction).
import { caseActed } from '../../cases/case-events';
import { subscribe, type EventHandler } from '../../platform/events';
import type { CaseActed } from '../../cases/case-events';
import { notifyCaseActed } from './notifications.service';

const onCaseActed: EventHandler<CaseActed> = (trx, ctx, e) => notifyCaseActed(trx, ctx, e);

export function subscribeNotifications(): void {
  subscribe(caseActed, onCaseActed);
}
