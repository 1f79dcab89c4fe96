// 信访统计: the petitions of the user's unit (or a unit below, drilled into) over a receipt-date
// range: counts by stage, warnings, the on-time rate per child unit, by type and by channel,
// satisfaction. Repeats are counted once (with the first petition).
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  petitionChannelLabels,
  petitionChannels,
  petitionStatusLabels,
  petitionStatuses,
  petitionTypeLabels,
  petitionTypes,
  type PetitionDashboard,
} from '../../../shared/schemas/petitions';
import { usePetitionDashboard } from '../../api/petitions';
import { Chart, CountChart } from '../../components/chart';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';

type Item = { label: string; n: number };

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

function onTimeOption(d: PetitionDashboard) {
  const units = d.units.filter((u) => u.onTime.done > 0);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 40, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: units.map((u) => u.orgUnitName), axisLabel: { interval: 0, rotate: units.length > 4 ? 30 : 0, fontSize: 11 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: units.map((u) => ({ value: Math.round((u.onTime.rate ?? 0) * 1000) / 10, itemStyle: { color: (u.onTime.rate ?? 0) < 0.9 ? '#d48806' : '#389e0d' } })),
        label: { show: true, position: 'top', formatter: '{c}%', fontSize: 11 },
      },
    ],
  };
}

function ChartCard({ title, items, kind }: { title: string; items: Item[]; kind: 'bar' | 'hbar' | 'pie' }) {
  return (
    <Card size="small" title={title} className="dashboard-card">
      <CountChart items={items} kind={kind} ariaLabel={title} />
    </Card>
  );
}

export function PetitionDashboardPage() {
  const [params, setParams] = useSearchParams();
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const q = usePetitionDashboard({ orgUnitId, from, to });
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const d = q.data;
  const byStatus = d ? petitionStatuses.map((s) => ({ label: petitionStatusLabels[s], n: d.byStatus[s] ?? 0 })).filter((i) => i.n > 0) : [];
  const byType = d ? petitionTypes.map((t) => ({ label: petitionTypeLabels[t], n: d.byType[t] ?? 0 })) : [];
  const byChannel = d ? petitionChannels.map((c) => ({ label: petitionChannelLabels[c], n: d.byChannel[c] ?? 0 })) : [];
  const onTimeOpt = useMemo(() => (d ? onTimeOption(d) : null), [d]);

  return (
    <PageShell
      title="信访统计"
      subtitle={d ? `${d.orgUnitName}（含下级）· 重复信访不重复计数` : undefined}
      extra={
        <Space wrap>
          <OrgUnitSelect value={orgUnitId} onChange={(id) => set({ orgUnitId: id })} allowClear placeholder="本单位" style={{ width: 220 }} aria-label="统计单位" />
          <DatePicker.RangePicker
            aria-label="收到日期"
            placeholder={['收到日期起', '止']}
            allowEmpty={[true, true]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Space>
      }
    >
      {q.isError ? (
        <Alert type="error" showIcon title="加载失败" description={q.error.message} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Row gutter={[12, 12]}>
          {(
            [
              ['信访事项', d.total, undefined],
              ['重复信访', d.repeats, undefined],
              ['黄色预警', d.warnings.yellow, '/petitions?warning=yellow'],
              ['红色预警（逾期）', d.warnings.red, '/petitions?warning=red'],
              ['按期办结率', pct(d.onTime.rate), undefined],
              ['满意度', d.satisfaction.average === null ? '—' : `${d.satisfaction.average.toFixed(1)} / 5`, undefined],
            ] as [string, number | string, string | undefined][]
          ).map(([label, value, link]) => (
            <Col xs={12} sm={8} lg={4} key={label}>
              <Card size="small">
                <Statistic
                  title={link ? <Link to={link}>{label}</Link> : label}
                  value={value}
                  styles={{ content: { color: label.startsWith('红色') && Number(value) > 0 ? '#cf1322' : label.startsWith('黄色') && Number(value) > 0 ? '#d48806' : undefined } }}
                />
              </Card>
            </Col>
          ))}
          <Col xs={24} lg={12}>
            <ChartCard title="各办理阶段" items={byStatus} kind="hbar" />
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="各单位按期办结率（受理、答复在期限内的比例）" className="dashboard-card">
              {onTimeOpt && d.units.some((u) => u.onTime.done > 0) ? (
                <Chart option={onTimeOpt} ariaLabel="各单位按期办结率" height={260} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无已完成的受理或答复" />
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <ChartCard title="事项类别" items={byType} kind="pie" />
          </Col>
          <Col xs={24} md={12}>
            <ChartCard title="信访形式" items={byChannel} kind="pie" />
          </Col>
          <Col span={24}>
            <Card size="small" title="下级单位（点击名称下钻）">
              <Table
                size="small"
                rowKey="orgUnitId"
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={d.units}
                locale={{ emptyText: '没有下级单位' }}
                columns={[
                  {
                    title: '单位',
                    dataIndex: 'orgUnitName',
                    render: (name: string, u) => (u.ownLevel ? <span>{name}（本级）</span> : <a onClick={() => set({ orgUnitId: u.orgUnitId })}>{name}</a>),
                  },
                  { title: '信访事项', dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total },
                  { title: '未办结', dataIndex: 'open', align: 'right' },
                  { title: '黄色预警', dataIndex: 'yellow', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n) },
                  { title: '红色预警', dataIndex: 'red', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
                  { title: '按期完成/已完成', align: 'right', render: (_v, u) => `${u.onTime.onTime}/${u.onTime.done}` },
                  { title: '按期办结率', align: 'right', render: (_v, u) => pct(u.onTime.rate), sorter: (a, b) => (a.onTime.rate ?? -1) - (b.onTime.rate ?? -1) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </PageShell>
  );
}
