// 考评结果公开 (Part 12 四(五)): a round's published evaluations ranked by total, with the grade
// 等次 and each indicator's score, and the count per grade; printed from the browser. Units not yet published are not listed. Every unit of
// the round sees every published unit (the results are public: /public/units/:id/evaluations too).
// On a phone the indicator columns give way to an expandable row per unit (no sideways table).
import { useParams } from 'react-router';
import { Alert, Button, Empty, Grid, Skeleton, Space, Table } from 'antd';
import type { Breakpoint } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { RoundResults } from '../../../shared/schemas/evaluations';
import { useRoundResults } from '../../api/evaluations';
import { PageShell } from '../../components/page-shell';
import { GradeTag, bandsText } from './grade-tag';

type Row = RoundResults['rows'][number];

export function ResultsPage() {
  const { id } = useParams();
  const q = useRoundResults(id);
  const narrow = !Grid.useBreakpoint().md;
  const r = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!r) return <Alert type="error" showIcon title="未找到该考评" />;
  const columns = [
    { key: 'rank', title: '名次', width: narrow ? 48 : 64, render: (_: unknown, x: Row) => x.rank },
    { key: 'unit', title: '单位', render: (_: unknown, x: Row) => x.orgUnitName },
    { key: 'total', title: '总分', width: narrow ? 56 : 80, render: (_: unknown, x: Row) => <strong>{x.total ?? '未评分'}</strong> },
    { key: 'grade', title: '等次', width: narrow ? 68 : 80, render: (_: unknown, x: Row) => (x.grade === null ? '—' : <GradeTag grade={x.grade} bands={r.round.grades} />) },
    // null is 未评分, 0 is a score of 0
    ...r.indicators.map((i) => ({ key: i.key, title: `${i.name}（${i.weight}）`, width: 110, responsive: ['md'] as Breakpoint[], render: (_: unknown, x: Row) => x.scores[i.key] ?? '未评分' })),
  ];
  return (
    <PageShell
      title={`${r.round.title} 考评结果`}
      subtitle={`${r.round.orgUnitName} · ${r.round.periodLabel} · 已公布 ${r.rows.length} / ${r.round.counts.units}`}
      extra={
        <Space wrap className="no-print">
          <Button icon={<DownloadOutlined />} href={`/api/evaluations/rounds/${encodeURIComponent(r.round.id)}/results/export`} download data-testid="results-export">
            导出
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      {r.rows.length === 0 ? (
        <Empty description="尚无已公布的考评结果" />
      ) : (
        <>
          <div style={{ margin: '8px 0' }} data-testid="grade-counts">
            {r.round.grades.map((b) => (
              <span key={b.name} style={{ marginInlineEnd: 12, whiteSpace: 'nowrap' }}>
                <GradeTag grade={b.name} bands={r.round.grades} /> {r.rows.filter((x) => x.grade === b.name).length} 个
              </span>
            ))}
            <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
              等次按总分评定：{bandsText(r.round.grades)}
            </div>
          </div>
          <Table<Row>
            size="small"
            rowKey="evaluationId"
            columns={columns}
            dataSource={r.rows}
            pagination={false}
            // a phone's table fits the screen (the indicators fold into the row); a desktop's scrolls with many indicators
            scroll={narrow ? undefined : { x: 'max-content' }}
            data-testid="results-table"
            expandable={
              narrow && r.indicators.length > 0
                ? {
                    columnWidth: 36,
                    expandedRowRender: (x: Row) => (
                      <div data-testid="results-scores">
                        {r.indicators.map((i) => (
                          <div key={i.key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '2px 0' }}>
                            <span className="muted" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                              {i.name}（{i.weight}）
                            </span>
                            <span style={{ flex: 'none' }}>{x.scores[i.key] ?? '未评分'}</span>
                          </div>
                        ))}
                      </div>
                    ),
                  }
                : undefined
            }
          />
        </>
      )}
    </PageShell>
  );
}
