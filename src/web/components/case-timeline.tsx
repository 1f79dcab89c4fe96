// The one timeline of a case's log (the kernel's action log): action, from → to, who and their
// unit, when, the comment, and optionally the entry's data rendered by the page (a dispute's
// progress, a signing level…). Newest first.
import type { ReactNode } from 'react';
import { Empty, Timeline } from 'antd';
import dayjs from 'dayjs';
import type { CaseLogEntryDto } from '../../shared/schemas/cases';

/** A log entry as the kernel sends it; pages may pass a narrower shape (labels fall back to codes). */
export type CaseTimelineEntry = Pick<CaseLogEntryDto, 'seq' | 'action' | 'actionLabel' | 'toStatus' | 'actorName' | 'actorUnitName' | 'at' | 'comment'> &
  Partial<Pick<CaseLogEntryDto, 'fromStatus' | 'fromStatusLabel' | 'toStatusLabel' | 'data'>>;

const RED_STATES = new Set(['returned', 'rejected', 'declined', 'notAccepted']);

export function CaseTimeline({
  log,
  renderData,
  showStates = true,
  redStates = RED_STATES,
  empty = '暂无办理记录',
}: {
  log: CaseTimelineEntry[];
  /** what to show of an entry's data (the action's input); nothing when omitted or when it returns null */
  renderData?: (entry: CaseTimelineEntry) => ReactNode;
  /** show "from → to" (hide it where every entry stays in one state) */
  showStates?: boolean;
  /** entries moving into these states get a red dot */
  redStates?: ReadonlySet<string>;
  empty?: string;
}) {
  if (log.length === 0) return <Empty description={empty} />;
  const items = [...log]
    .sort((a, b) => b.seq - a.seq)
    .map((l) => {
      const to = l.toStatusLabel ?? l.toStatus;
      const from = l.fromStatus ? (l.fromStatusLabel ?? l.fromStatus) : null;
      const extra = renderData && l.data !== undefined && l.data !== null ? renderData(l) : null;
      return {
        key: String(l.seq),
        color: redStates.has(l.toStatus) ? 'red' : 'blue',
        content: (
          <div className="history-item" data-testid="case-log-entry">
            <div className="history-head">
              <strong>{l.actionLabel}</strong>
              <span className="history-who">
                {l.actorName}
                <span className="muted">（{l.actorUnitName}）</span>
              </span>
              <span className="muted">{dayjs(l.at).format('YYYY-MM-DD HH:mm')}</span>
            </div>
            {showStates && (
              <div className="muted case-log-states">
                {from && from !== to ? `${from} → ` : ''}
                {to}
              </div>
            )}
            {l.comment && <div className="case-log-comment">{l.comment}</div>}
            {extra && <div className="case-log-data">{extra}</div>}
          </div>
        ),
      };
    });
  return <Timeline className="history-timeline" items={items} />;
}
