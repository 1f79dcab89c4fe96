// Small shared pieces of the visit pages: key-group marks, the state of an owed visit, the
// 待发送 indicator of the offline outbox.
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Tag, Tooltip } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import {
  dueVisitStateLabels,
  keyGroupLabels,
  keyGroupShortLabels,
  type DueVisitDto,
  type DueVisitState,
  type KeyGroup,
} from '../../../shared/schemas/visits';
import { dueTag } from '../work-queue/due-tag';
import { discardOutboxEntry, flushOutbox, onVisitSent, useOutbox, type OutboxBody } from './visit-outbox';

export function KeyGroupTags({ groups, full }: { groups: readonly KeyGroup[]; full?: boolean }) {
  if (groups.length === 0) return null;
  return (
    <span className="visit-tags">
      {groups.map((g) => (
        <Tooltip key={g} title={full ? undefined : keyGroupLabels[g]}>
          <Tag color="volcano" className="visit-tag">
            {full ? keyGroupLabels[g] : keyGroupShortLabels[g]}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}

const stateColors: Record<DueVisitState, string> = {
  upcoming: 'default',
  open: 'processing',
  overdue: 'red',
  doneOnTime: 'green',
  doneLate: 'gold',
  cancelled: 'default',
};

export function DueStateTag({ state }: { state: DueVisitState }) {
  return (
    <Tag color={stateColors[state]} className="visit-tag">
      {dueVisitStateLabels[state]}
    </Tag>
  );
}

/** 应访期限 of an owed visit with the work queue's 逾期 / 即将到期 mark. */
export function DueDay({ due }: { due: Pick<DueVisitDto, 'windowEnd' | 'status' | 'state'> }) {
  const open = due.status === 'owed';
  return (
    <span className="visit-due">
      <span className={due.state === 'overdue' ? 'visit-overdue' : undefined}>{due.windowEnd}</span>
      {open && dueTag(due.windowEnd, due.state === 'overdue' ? { overdue: true, dueSoon: false } : undefined)}
    </span>
  );
}

/**
 * 待发送 N 条: visits recorded on this device that have not reached the server. Tapping sends
 * them now; a visit sent in the background says so.
 */
export function OutboxIndicator() {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const outbox = useOutbox();
  useEffect(
    () =>
      onVisitSent((e) => {
        void message.success(`已发送：${e.label}`);
      }),
    [message],
  );
  const waiting = outbox.entries.filter((e) => !e.failed).length;
  const failed = outbox.entries.length - waiting;
  if (outbox.entries.length === 0) return null;
  return (
    <div className="visit-outbox" data-testid="visit-outbox" role="status">
      <Badge count={outbox.entries.length} color={failed ? '#cf1322' : '#d46b08'} size="small">
        <CloudUploadOutlined className="visit-outbox-icon" />
      </Badge>
      <div className="visit-outbox-text">
        <strong>待发送 {waiting} 条</strong>
        {failed > 0 && <span className="visit-outbox-failed">，{failed} 条被退回须修改</span>}
        <div className="muted">{outbox.sending ? '正在发送…' : (outbox.blocked ?? '走访记录保存在本机，联网后自动发送')}</div>
      </div>
      {waiting > 0 && (
        <Button size="small" loading={outbox.sending} onClick={() => void flushOutbox()}>
          立即发送
        </Button>
      )}
      {failed > 0 && (
        <div className="visit-outbox-refused">
          {outbox.entries
            .filter((e) => e.failed)
            .map((e) => (
              <div key={e.clientKey} className="visit-outbox-refused-item">
                <span>
                  {e.label}：<span className="visit-outbox-failed">{e.failed}</span>
                </span>
                <span>
                  {e.body && (
                    <Button size="small" type="link" onClick={() => e.body && navigate(formPathOf(e.body))}>
                      打开修改
                    </Button>
                  )}
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() =>
                      modal.confirm({
                        title: '放弃这条走访记录？',
                        content: '放弃后不再发送；填写的内容仍保留为本机草稿，可重新打开。',
                        okText: '放弃',
                        cancelText: '取消',
                        onOk: () => discardOutboxEntry(e.clientKey),
                      })
                    }
                  >
                    放弃
                  </Button>
                </span>
              </div>
            ))}
        </div>
      )}
    </div>
  );
}

/** The form a queued visit came from. */
function formPathOf(body: OutboxBody): string {
  const r = typeof body.recipientId === 'string' ? body.recipientId : '';
  const d = typeof body.dueVisitId === 'string' ? body.dueVisitId : '';
  return d ? `/visits/new?dueVisit=${encodeURIComponent(d)}&recipient=${encodeURIComponent(r)}` : `/visits/new?recipient=${encodeURIComponent(r)}`;
}
