// What a notification says (issue 16). No message carries personal data: case titles (which name
// the veteran) are never used; a staff member's name is masked (maskName); and every text passes
// `scrub`, which masks any run of digits long enough to be a phone or an ID number.
import { maskName } from '../../../shared/rules/mask';
import { notificationKindLabels, type NotificationKind } from '../../../shared/schemas/notifications';
import { orgLevelLabels, type OrgLevel } from '../../../shared/schemas/org-units';

/** Masks runs of 7+ digits (with an ID number's final X): phones, ID numbers, account numbers. */
export function scrub(text: string): string {
  return text.replace(/\d{6,}[\dXx]/g, (m) => m.slice(0, 3) + '*'.repeat(m.length - 3));
}

export function dueText(due: { dueDay: string | null; dueAt?: string | null }): string {
  return due.dueDay ? `期限 ${due.dueDay}` : '无期限';
}

export type CaseText = {
  kind: Extract<NotificationKind, 'waiting' | 'returned'>;
  typeLabel: string;
  actionLabel: string;
  nextLabels: string[];
  opened: boolean;
  toStatusLabel: string;
  actorName: string;
  actorUnitName: string;
  unitName: string;
  dueDay: string | null;
  dueAt: string | null;
};

export function caseTitle(t: CaseText): string {
  if (t.kind === 'returned') return scrub(`${t.typeLabel}被${t.actionLabel}`);
  if (t.opened) return scrub(`新的${t.typeLabel}待您${t.nextLabels[0] ?? '处理'}`);
  return scrub(`${t.typeLabel}待您${t.nextLabels.slice(0, 2).join('或') || '处理'}`);
}

export function caseBody(t: CaseText): string {
  return scrub(`${t.unitName} · ${t.actorUnitName} ${maskName(t.actorName)}${t.opened ? '发起' : t.actionLabel} · 现为“${t.toStatusLabel}” · ${dueText(t)}`);
}

/** The group robot's markdown for one case notification. */
export function caseMarkdown(t: CaseText): string {
  return scrub(
    [
      `**【${notificationKindLabels[t.kind]}】${caseTitle(t)}**`,
      `> 办理单位：${t.unitName}`,
      `> 经办：${t.actorUnitName} ${maskName(t.actorName)}（${t.opened ? '发起' : t.actionLabel}）`,
      `> 当前状态：${t.toStatusLabel}`,
      `> ${dueText(t)}`,
      '请登录荣佳系统，在“消息通知”中查看。',
    ].join('\n'),
  );
}

export function dueTitle(kind: 'dueSoon' | 'overdue', typeLabel: string): string {
  return scrub(`${typeLabel}${kind === 'overdue' ? '已超期' : '即将到期'}`);
}

export function dueBody(item: { unitName: string; statusLabel: string; dueDay: string | null; dueAt?: string | null }): string {
  return scrub(`${item.unitName} · ${item.statusLabel} · ${dueText(item)}`);
}

/** How many late children a reminder names before "等 N 个单位". */
export const LATE_NAMES = 10;

export function lateChildrenTitle(l: { periodLabel: string; definitionName: string }): string {
  return scrub(`下级单位逾期未报：${l.periodLabel} ${l.definitionName}`);
}

/**
 * The late children by name (units only, no person): children that owe the obligation themselves by
 * name; children whose subtrees owe it with the count of their units not yet recorded.
 */
export function lateChildrenBody(l: { dueDay: string; lockedOn: string; missing: number; children: { name: string; level: OrgLevel; self: boolean; missing: number }[] }): string {
  const single = l.children.every((c) => c.self);
  const names = l.children.slice(0, LATE_NAMES).map((c) => (single ? c.name : `${c.name} ${c.missing} 个`));
  const more = l.children.length > LATE_NAMES ? ` 等 ${l.children.length} 个${single ? '单位' : orgLevelLabels[l.children[0].level]}` : '';
  return scrub(`到期日 ${l.dueDay} · ${l.missing} 个单位未报：${names.join('、')}${more} · 可补报至 ${l.lockedOn}`);
}

export function dueMarkdown(unitName: string, day: string, counts: { dueSoon: number; overdue: number }): string {
  return scrub(
    [`**【到期提醒】${unitName} ${day}**`, `> 即将到期：${counts.dueSoon} 件`, `> 已超期：<font color="warning">${counts.overdue}</font> 件`, '请登录荣佳系统，在“我的待办”中办理。'].join('\n'),
  );
}

export function digestText(counts: { kind: NotificationKind; n: number }[]): { title: string; body: string } {
  const total = counts.reduce((s, c) => s + c.n, 0);
  return {
    title: `每日汇总：未读消息 ${total} 条`,
    body: counts.map((c) => `${notificationKindLabels[c.kind]} ${c.n} 条`).join('、'),
  };
}

/** A webhook URL as others see it: scheme and host, and the last four characters. */
export function urlHint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…${url.slice(-4)}`;
}

/**
 * The group robot's daily digest of a unit (one message a day): each staff user who sends their
 * digest to the group, by masked name, with their unread counts per kind — counts only.
 */
export function digestMarkdown(unitName: string, day: string, users: { name: string; counts: { kind: NotificationKind; n: number }[] }[]): string {
  return scrub(
    [
      `**【每日汇总】${unitName} ${day}**`,
      ...users.map((u) => `> ${maskName(u.name)}：未读 ${u.counts.reduce((a, c) => a + c.n, 0)} 条（${u.counts.map((c) => `${notificationKindLabels[c.kind]} ${c.n} 条`).join('、')}）`),
      '请登录荣佳系统，在“消息通知”中查看。',
    ].join('\n'),
  );
}
