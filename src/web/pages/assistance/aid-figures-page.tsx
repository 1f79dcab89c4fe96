// 帮扶援助统计: aid approved in a period (month, quarter or year) under the caller's unit or one below
// it — by unit, by ground and by form, count and amount (money + goods value).
import { useState } from 'react';
import { Card, Empty, Input, Space, Spin, Statistic, Table } from 'antd';
import type { AssistanceFigures } from '../../../shared/schemas/assistance';
import { useAssistanceFigures } from '../../api/assistance';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { todayDay } from '../../components/day-picker';
import { Yuan } from './aid-tags';
import './assistance.css';

type Row = AssistanceFigures['byUnit'][number];

function FigureTable({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  return (
    <Card title={title} size="small">
      <Table<Row>
        data-testid={testId}
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无援助" /> }}
        columns={[
          { key: 'label', title: '项目', dataIndex: 'label' },
          { key: 'count', title: '件数', dataIndex: 'count', align: 'right' },
          { key: 'amount', title: '金额', align: 'right', render: (_v, r) => <Yuan fen={r.amountFen} /> },
        ]}
      />
    </Card>
  );
}

export function AidFiguresPage() {
  return (
    <PageShell title="帮扶援助统计" subtitle="期间内批准的援助：按单位、困难类型、帮扶方式的件数和金额（援助金与物资价值）">
      <AidFiguresPart />
    </PageShell>
  );
}

/** The figures with their own period and unit: the 统计 page here and the dashboard's 帮扶援助 tab. */
export function AidFiguresPart() {
  const [period, setPeriod] = useState(todayDay().slice(0, 7));
  const [unitId, setUnitId] = useState<string | undefined>();
  const valid = /^\d{4}(-\d{2}|-Q[1-4])?$/.test(period);
  return (
    <div data-testid="aid-figures">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input aria-label="统计期间" value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 160 }} placeholder="2026-06 / 2026-Q2 / 2026" status={valid ? undefined : 'error'} />
        <OrgUnitSelect value={unitId} onChange={(id) => setUnitId(id ?? undefined)} allowClear placeholder="本单位" style={{ width: 220 }} aria-label="单位" />
      </Space>
      <AidFiguresBody period={valid ? period : todayDay().slice(0, 7)} unitId={unitId} />
    </div>
  );
}

/** The figures of one period and unit (the dashboard's 帮扶维权 tab gives its own filters). */
export function AidFiguresBody({ period, unitId }: { period: string; unitId: string | undefined }) {
  const q = useAssistanceFigures(period, unitId);
  return (
    <>
      {q.isLoading || !q.data ? (
        <Spin />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space size={32} wrap>
              <Statistic title={`${q.data.unitName} 援助件数`} value={q.data.total.count} />
              <Statistic title="援助金额（元）" value={(q.data.total.amountFen / 100).toFixed(2)} />
            </Space>
          </Card>
          <div className="aid-figures-grid">
            <FigureTable title="按单位" rows={q.data.byUnit} testId="aid-by-unit" />
            <FigureTable title="按困难类型" rows={q.data.byGround} testId="aid-by-ground" />
            <FigureTable title="按帮扶方式" rows={q.data.byForm} testId="aid-by-form" />
          </div>
        </>
      )}
    </>
  );
}
