// 整改事项 (Part 12 四(一)(六)): problems found by an evaluation, each with an owner and a deadline
// (overdue marks from the kernel's due day), completed by the evaluated unit with its report.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Skeleton, Tag, Typography } from 'antd';
import { rectificationStatusLabels, type RectificationDto } from '../../../shared/schemas/evaluations';
import { evaluationApi, evaluationKeys, useCompleteRectification, useRectification } from '../../api/evaluations';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { CaseTimeline } from '../../components/case-timeline';
import { EvaluationsNav, errorText } from './evaluations-nav';

function statusTag(r: RectificationDto) {
  return <Tag color={r.status === 'done' ? 'success' : r.overdue ? 'error' : 'processing'}>{r.overdue ? '已逾期' : rectificationStatusLabels[r.status]}</Tag>;
}

export function RectificationsPage() {
  const columns: RecordColumn<RectificationDto>[] = [
    {
      key: 'problem',
      title: '整改事项',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/evaluations/rectifications/${r.id}`}>
            <Typography.Text strong>
              {r.orgUnitName} · {r.indicatorName}
            </Typography.Text>
          </Link>
          <div className="muted">{r.problem}</div>
          {statusTag(r)}
        </div>
      ),
    },
    { key: 'owner', title: '责任人', responsive: ['sm'], render: (_v, r) => r.ownerName },
    { key: 'due', title: '整改期限', responsive: ['sm'], render: (_v, r) => r.dueDay },
    { key: 'round', title: '考评', responsive: ['md'], render: (_v, r) => r.roundTitle },
  ];
  return (
    <PageShell title="整改事项" subtitle="考评发现的问题：明确责任人和期限，整改到位" extra={<EvaluationsNav current="/evaluations/rectifications" />}>
      <RecordTable<RectificationDto> queryKey={evaluationKeys.rectifications} fetchPage={evaluationApi.rectifications} columns={columns} rowKey="id" filters={[]} storageKey="evaluation-rectifications" emptyText="暂无整改事项" />
    </PageShell>
  );
}

export function RectificationPage() {
  const { id } = useParams();
  const q = useRectification(id);
  const complete = useCompleteRectification();
  const { message } = App.useApp();
  const [report, setReport] = useState('');
  const r = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!r) return <Alert type="error" showIcon title="未找到该整改事项" />;
  async function done() {
    try {
      await complete.mutateAsync({ id: r!.id, body: { version: r!.version, report } });
      void message.success('已完成整改');
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <PageShell title={`整改：${r.orgUnitName} · ${r.indicatorName}`} subtitle="整改事项">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="状态">{statusTag(r)}</Descriptions.Item>
        <Descriptions.Item label="考评">
          <Link to={`/evaluations/${r.evaluationId}`}>{r.roundTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="问题" span={2}>
          {r.problem}
        </Descriptions.Item>
        <Descriptions.Item label="责任人">{r.ownerName}</Descriptions.Item>
        <Descriptions.Item label="整改期限">{r.dueDay}</Descriptions.Item>
        {r.doneOn && <Descriptions.Item label="完成日期">{r.doneOn}</Descriptions.Item>}
        {r.report && (
          <Descriptions.Item label="整改情况" span={2}>
            {r.report}
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.canComplete && (
        <Card size="small" title="完成整改" style={{ marginBottom: 12 }}>
          <Input.TextArea rows={3} maxLength={1000} aria-label="整改情况" placeholder="整改措施与结果" value={report} onChange={(e) => setReport(e.target.value)} />
          <Button type="primary" style={{ marginTop: 8 }} loading={complete.isPending} onClick={() => void done()}>
            完成整改
          </Button>
        </Card>
      )}
      <Card size="small" title="办理记录">
        <CaseTimeline log={r.log} />
      </Card>
    </PageShell>
  );
}
