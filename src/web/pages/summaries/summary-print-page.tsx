// The print view of a summary (A4, PDF through the browser's print): the title and period, the
// figures as tables per module with a bar chart of the counts, the three sections of text, the
// children's states (table and donut) and the review record. Only the two buttons are not printed.
import { Link, useParams } from 'react-router';
import { Alert, Button, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { summarySectionLabels, summarySections, summaryStatusLabels, type SummaryStatus } from '../../../shared/schemas/summaries';
import { useSummary } from '../../api/summaries';
import { usePageTitle } from '../../components/page-shell';
import { Chart, barOption, donutOption, type ChartItem } from '../../components/chart';
import { errorText } from '../honors/recipient-select';
import { ChildrenTable, FigureTables, stamp } from './summary-parts';

const numbers = '一二三四五六七八';

export function SummaryPrintPage() {
  const { id } = useParams();
  const q = useSummary(id);
  const s = q.data;
  usePageTitle(s ? `${s.orgUnitName}${s.halfYearLabel}工作总结（打印）` : '工作总结（打印）');
  if (q.isPending) return <Skeleton active />;
  if (!s) return <Alert type="error" showIcon title={q.error ? errorText(q.error) : '未找到该工作总结'} />;
  const counts: ChartItem[] = s.figures.flatMap((g) => g.figures).filter((f) => f.unit === 'count' && f.value !== null).map((f) => ({ label: f.label, n: f.value as number }));
  const states: ChartItem[] = (['accepted', 'submitted', 'returned', 'draft'] as SummaryStatus[])
    .map((st) => ({ label: summaryStatusLabels[st], n: s.children.filter((c) => c.summary?.status === st).length }))
    .concat([{ label: '未起草', n: s.children.filter((c) => !c.summary).length }]);
  let n = 0;
  const head = (text: string) => (
    <Typography.Title level={5} className="detail-section-title">
      {numbers[n++]}、{text}
    </Typography.Title>
  );
  return (
    <div className="page summary-print">
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <Link to={`/summaries/${s.id}`}>
          <Button icon={<ArrowLeftOutlined />}>返回</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
      </Space>
      <div className="print-title summary-print-title">
        {s.orgUnitName}
        {s.halfYearLabel}工作总结
      </div>
      <div className="print-meta summary-print-meta">
        统计期间 {s.period.from} 至 {s.period.to} · {summaryStatusLabels[s.status]}
        {s.parentUnitName ? ` · 审核单位：${s.parentUnitName}` : ''} · {s.figuresFrozen ? `数据为提交时（${stamp(s.figuresAt)}）统计` : `数据为 ${stamp(s.figuresAt)} 实时统计`}
      </div>
      <section className="detail-section">
        {head('主要数据')}
        <FigureTables groups={s.figures} />
        {counts.length > 0 && (
          <div className="summary-chart" data-testid="summary-chart">
            <Chart ariaLabel="主要数据" option={(width) => barOption(counts, { horizontal: true, width })} height={Math.max(120, counts.length * 30 + 40)} />
          </div>
        )}
      </section>
      {summarySections.map((k) => (
        <section key={k} className="detail-section summary-section">
          {head(summarySectionLabels[k])}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s[k] || '（未填写）'}</Typography.Paragraph>
        </section>
      ))}
      {s.children.length > 0 && (
        <section className="detail-section">
          {head('下级单位工作总结')}
          <ChildrenTable items={s.children} halfYear={s.halfYear} print />
          <div className="summary-chart">
            <Chart ariaLabel="下级单位总结状态" option={(width) => donutOption(states, width)} />
          </div>
        </section>
      )}
      <section className="detail-section">
        {head('办理记录')}
        <Table
          size="small"
          pagination={false}
          rowKey="seq"
          dataSource={s.log}
          columns={[
            { key: 'at', title: '时间', width: 140, render: (_v, l) => stamp(l.at) },
            { key: 'action', title: '操作', dataIndex: 'actionLabel', width: 110 },
            { key: 'actor', title: '办理人', render: (_v, l) => `${l.actorUnitName} ${l.actorName}` },
            { key: 'comment', title: '意见', dataIndex: 'comment' },
          ]}
        />
      </section>
    </div>
  );
}
