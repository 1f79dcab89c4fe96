// The dashboard's 帮扶维权 tab (issue 14): for one period (month, quarter or year) and unit — aid approved
// by unit, ground and form (assistance), aid paid by fund and the days from approval to payment
// (funds), rights cases opened, closed on time or late and open past their day (rights), and legal-aid
// cases applied for and closed with their referral receipts on time (legal aid), care records (legal aid). Each card reads its module's
// figures route and shows only what the user's permissions allow. Legal aid counts the cases applied
// for in the period (and closed in it) by child unit; care records 关爱服务 count each kind's records,
// headcount and registered persons per child unit, with law education's attendance (§37).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Space, Spin, Statistic, Table } from 'antd';
import type { CareRecordFigures } from '../../../shared/schemas/care-records';
import type { FiguresDto as FundFigures } from '../../../shared/schemas/funds';
import type { RightsFigures } from '../../../shared/schemas/rights';
import { periodDays } from '../../../shared/rules/periods';
import { get } from '../../api/client';
import { useLegalAidFigures } from '../../api/legal-aid';
import { useCan } from '../../components/session';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { todayDay } from '../../components/day-picker';
import { AidFiguresBody } from '../assistance/aid-figures-page';

const yuan = (fen: number) => (fen / 100).toFixed(2);

function FundsCard({ from, to }: { from: string; to: string }) {
  const q = useQuery({ queryKey: ['funds', 'figures', from, to], queryFn: ({ signal }) => get<FundFigures>('/api/funds/figures', { from, to }, signal) });
  return (
    <Card title="资金发放" size="small" data-testid="dash-funds">
      {!q.data ? (
        <Spin />
      ) : (
        <>
          <Space size={32} wrap style={{ marginBottom: 8 }}>
            <Statistic title="发放笔数" value={q.data.daysToPay.count} />
            <Statistic title="核定到发放平均天数" value={q.data.daysToPay.average === null ? '—' : q.data.daysToPay.average.toFixed(1)} />
            <Statistic title="最长天数" value={q.data.daysToPay.max ?? '—'} />
          </Space>
          <Table
            size="small"
            rowKey="fundId"
            pagination={false}
            dataSource={q.data.byFund}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无发放" /> }}
            columns={[
              { key: 'name', title: '资金', dataIndex: 'fundName' },
              { key: 'n', title: '笔数', dataIndex: 'payments', align: 'right' },
              { key: 'paid', title: '金额（元）', align: 'right', render: (_v, r) => yuan(r.paidFen) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function RightsCard({ from, to, unitId }: { from: string; to: string; unitId: string | undefined }) {
  const q = useQuery({
    queryKey: ['rights', 'figures', from, to, unitId ?? ''],
    queryFn: ({ signal }) => get<RightsFigures>('/api/rights/figures', { from, to, ...(unitId ? { orgUnitId: unitId } : {}) }, signal),
  });
  return (
    <Card title="权益维护" size="small" data-testid="dash-rights">
      {!q.data ? (
        <Spin />
      ) : (
        <Space size={32} wrap>
          <Statistic title="本期受理" value={q.data.opened} />
          <Statistic title="按期办结" value={q.data.closedOnTime} />
          <Statistic title="逾期办结" value={q.data.closedLate} />
          <Statistic title="在办" value={q.data.open} />
          <Statistic title="在办逾期" value={q.data.openOverdue} valueStyle={q.data.openOverdue ? { color: '#cf1322' } : undefined} />
        </Space>
      )}
    </Card>
  );
}

function LegalAidCard({ from, to, unitId }: { from: string; to: string; unitId: string | undefined }) {
  const q = useLegalAidFigures(unitId, { from, to });
  return (
    <Card title="法律援助" size="small" data-testid="dash-legal-aid">
      {!q.data ? (
        <Spin />
      ) : (
        <>
          <Space size={32} wrap style={{ marginBottom: 8 }}>
            <Statistic title="本期申请" value={q.data.total} />
            <Statistic title="其中在办" value={q.data.open} />
            <Statistic title="本期案结事了" value={q.data.closedInPeriod} />
            <Statistic title="回执按期" value={q.data.ackOnTime} />
            <Statistic title="回执逾期" value={q.data.ackLate} />
            <Statistic title="待回执已逾期" value={q.data.ackOverdueOpen} valueStyle={q.data.ackOverdueOpen ? { color: '#cf1322' } : undefined} />
          </Space>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={q.data.byUnit}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无下级单位" /> }}
            columns={[
              { key: 'label', title: '单位', dataIndex: 'label' },
              { key: 'applied', title: '申请', dataIndex: 'applied', align: 'right' },
              { key: 'closed', title: '办结', dataIndex: 'closed', align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function CareRecordsCard({ from, to, unitId }: { from: string; to: string; unitId: string | undefined }) {
  const q = useQuery({
    queryKey: ['care-records', 'figures', from, to, unitId ?? ''],
    queryFn: ({ signal }) => get<CareRecordFigures>('/api/care-records/figures', { from, to, ...(unitId ? { orgUnitId: unitId } : {}) }, signal),
  });
  const kinds = q.data?.byKind ?? [];
  return (
    <Card title="关爱服务" size="small" data-testid="dash-care-records" style={{ gridColumn: '1 / -1' }}>
      {!q.data ? (
        <Spin />
      ) : (
        <>
          <Space size={32} wrap style={{ marginBottom: 8 }}>
            <Statistic title="记录" value={q.data.total.records} />
            <Statistic title="普法活动" value={q.data.lawEducation.events} />
            <Statistic title="普法参加人次" value={q.data.lawEducation.headcount} />
            <Statistic title="其中在册服务对象" value={q.data.lawEducation.attendees} />
          </Space>
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={kinds}
            columns={[
              { key: 'label', title: '类别', dataIndex: 'label' },
              { key: 'records', title: '记录', dataIndex: 'records', align: 'right' },
              { key: 'headcount', title: '人数', dataIndex: 'headcount', align: 'right' },
              { key: 'people', title: '在册对象', dataIndex: 'people', align: 'right' },
            ]}
          />
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={q.data.byUnit}
            scroll={{ x: 560 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无记录" /> }}
            columns={[
              { key: 'label', title: '单位', dataIndex: 'label', fixed: 'left' },
              { key: 'records', title: '合计', dataIndex: 'records', align: 'right' },
              ...kinds.map((k) => ({ key: k.kind, title: k.label, align: 'right' as const, render: (_v: unknown, r: CareRecordFigures['byUnit'][number]) => r.byKind[k.kind] ?? 0 })),
            ]}
          />
        </>
      )}
    </Card>
  );
}

export function AidRightsDashboardPart() {
  const [period, setPeriod] = useState(todayDay().slice(0, 7));
  const [unitId, setUnitId] = useState<string | undefined>();
  const canAid = useCan('assistance:read');
  const canFunds = useCan('funds:read');
  const canRights = useCan('rights:read');
  const canLegalAid = useCan('legalAid:read');
  const days = periodDays(period);
  const shown = days ? period : todayDay().slice(0, 7);
  const range = periodDays(shown)!;
  return (
    <div data-testid="aid-figures">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input aria-label="统计期间" value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 160 }} placeholder="2026-06 / 2026-Q2 / 2026" status={days ? undefined : 'error'} />
        <OrgUnitSelect value={unitId} onChange={(id) => setUnitId(id ?? undefined)} allowClear placeholder="本单位" style={{ width: 220 }} aria-label="单位" />
      </Space>
      {canAid && <AidFiguresBody period={shown} unitId={unitId} />}
      <div className="aid-figures-grid" style={{ marginTop: 12 }}>
        {canFunds && <FundsCard from={range.from} to={range.to} />}
        {canRights && <RightsCard from={range.from} to={range.to} unitId={unitId} />}
        {canLegalAid && <LegalAidCard from={range.from} to={range.to} unitId={unitId} />}
        {canLegalAid && <CareRecordsCard from={range.from} to={range.to} unitId={unitId} />}
      </div>
    </div>
  );
}
