// 考评结果公开 (Part 12 四(五)): a round's published evaluations ranked by total, with each
// indicator's score; printed from the browser. Units not yet published are not listed. Every unit of
// the round sees every published unit (the results are public: /public/units/:id/evaluations too).
import { useParams } from 'react-router';
import { Alert, Button, Empty, Skeleton, Table } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { RoundResults } from '../../../shared/schemas/evaluations';
import { useRoundResults } from '../../api/evaluations';
import { PageShell } from '../../components/page-shell';

type Row = RoundResults['rows'][number];

export function ResultsPage() {
  const { id } = useParams();
  const q = useRoundResults(id);
  const r = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!r) return <Alert type="error" showIcon title="未找到该考评" />;
  const columns = [
    { key: 'rank', title: '名次', width: 64, render: (_: unknown, x: Row) => x.rank },
    { key: 'unit', title: '单位', render: (_: unknown, x: Row) => x.orgUnitName },
    { key: 'total', title: '总分', width: 80, render: (_: unknown, x: Row) => <strong>{x.total ?? '未评分'}</strong> },
    // null is 未评分, 0 is a score of 0
    ...r.indicators.map((i) => ({ key: i.key, title: `${i.name}（${i.weight}）`, width: 110, render: (_: unknown, x: Row) => x.scores[i.key] ?? '未评分' })),
  ];
  return (
    <PageShell
      title={`${r.round.title} 考评结果`}
      subtitle={`${r.round.orgUnitName} · ${r.round.periodLabel} · 已公布 ${r.rows.length} / ${r.round.counts.units}`}
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
          打印
        </Button>
      }
    >
      {r.rows.length === 0 ? (
        <Empty description="尚无已公布的考评结果" />
      ) : (
        <Table<Row> size="small" rowKey="evaluationId" columns={columns} dataSource={r.rows} pagination={false} scroll={{ x: 'max-content' }} data-testid="results-table" />
      )}
    </PageShell>
  );
}
