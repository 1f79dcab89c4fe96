// 统计看板: 总览 first (every module's figures for a period, the units below: overview-dashboard-part.tsx); the registry figures of the user's unit and, row by row, of each unit below it; and,
// for a user with services:read, its 政策服务 part (a tab, `?part=services`); and 帮扶维权 (`?part=assistance`:
// aid, funds, rights and legal aid, aid-rights-dashboard-part.tsx).
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Progress, Row, Skeleton, Statistic, Table, Tabs, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import type { CountItem, RegistryDashboard } from '../../../shared/schemas/dashboards';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { useRegistryDashboard } from '../../api/dashboards';
import { CountChart } from '../../components/chart';
import { usePageTitle } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { ServicesDashboardPart } from './services-dashboard-part';
import { AidRightsDashboardPart } from './aid-rights-dashboard-part';
import { OverviewDashboardPart } from './overview-dashboard-part';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function ChartCard({ title, items, kind }: { title: string; items: CountItem[]; kind: 'bar' | 'hbar' | 'pie' }) {
  return (
    <Card size="small" title={title} className="dashboard-card">
      <CountChart items={items} kind={kind} ariaLabel={title} />
    </Card>
  );
}

export function RegistryDashboardPage() {
  usePageTitle('统计看板');
  const canRegistry = useCan('registry:read');
  const canServices = useCan('services:read');
  // 帮扶维权: any of assistance, funds, rights, legal aid
  const canAssistance = [useCan('assistance:read'), useCan('funds:read'), useCan('rights:read'), useCan('legalAid:read')].some(Boolean);
  const [params, setParams] = useSearchParams();
  const asked = params.get('part');
  // 总览 (every module's figures, issue 16) is the first part; the others go deeper into one domain
  const part =
    asked === 'registry' && canRegistry ? 'registry' : asked === 'services' && canServices ? 'services' : asked === 'assistance' && canAssistance ? 'assistance' : 'overview';
  return (
    <Tabs
      className="dashboard-tabs"
      activeKey={part}
      // a part's own filters (unit drilled into, period) stay with it
      onChange={(k) => setParams(k === 'overview' ? {} : { part: k })}
      items={[
        { key: 'overview', label: '总览', children: part === 'overview' ? <OverviewDashboardPart /> : null },
        ...(canRegistry ? [{ key: 'registry', label: '服务对象', children: part === 'registry' ? <RegistryPart /> : null }] : []),
        ...(canServices ? [{ key: 'services', label: '政策服务', children: part === 'services' ? <ServicesDashboardPart /> : null }] : []),
        // 帮扶维权 (issue 14): aid by unit, ground and form; paid by fund and days to payment; rights and legal-aid cases on time
        ...(canAssistance ? [{ key: 'assistance', label: '帮扶维权', children: part === 'assistance' ? <AidRightsDashboardPart /> : null }] : []),
      ]}
    />
  );
}

function RegistryPart() {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const { data, isLoading, error } = useRegistryDashboard(unitId);
  const drill = (id: string | null) => setParams(id ? { part: 'registry', unitId: id } : { part: 'registry' });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" message={(error as Error)?.message ?? '加载失败'} />;
  const d: RegistryDashboard = data;
  return (
    <div className="registry-dashboard">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {d.unit.name}
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
            {orgLevelLabels[d.unit.level]} · 服务对象统计
          </Typography.Text>
        </Typography.Title>
        {d.unit.parentId && (
          <Button size="small" icon={<ArrowUpOutlined />} onClick={() => drill(d.unit.parentId)}>
            返回上级
          </Button>
        )}
      </div>
      <Row gutter={[12, 12]}>
        {[
          ['服务对象总数', d.totals.total],
          ['健在', d.totals.living],
          ['重点优抚对象', d.totals.priorityCare],
          ['已入库', d.totals.registered],
          ['待审核', d.totals.pending],
          ['已去世', d.totals.deceased],
        ].map(([label, value]) => (
          <Col xs={12} sm={8} lg={4} key={label as string}>
            <Card size="small">
              <Statistic title={label as string} value={value as number} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={8}>
          <Card size="small" title="信息采集完整度（七个状况已填比例）">
            <Progress percent={Math.round(d.totals.completeness * 1000) / 10} strokeColor="#b71c1c" />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <ChartCard title="人员类别" items={d.byGroup} kind="hbar" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="年龄结构" items={d.byAgeBand} kind="bar" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="优抚类别" items={d.byCare} kind="hbar" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="退役方式" items={d.byDischarge} kind="pie" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="就业状况" items={d.byEmployment} kind="pie" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="采集状态" items={d.byStatus} kind="pie" />
        </Col>
        <Col xs={24} md={12} lg={8}>
          <ChartCard title="光荣牌悬挂" items={d.byPlaque} kind="pie" />
        </Col>
        <Col span={24}>
          <Card size="small" title="下级单位（点击名称下钻）">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={d.children}
              locale={{ emptyText: '没有下级单位' }}
              columns={[
                {
                  title: '单位',
                  dataIndex: 'name',
                  render: (name: string, r) =>
                    r.hasChildren || r.total > 0 ? (
                      <a onClick={() => drill(r.id)}>{name}</a>
                    ) : (
                      name
                    ),
                },
                { title: '层级', dataIndex: 'level', render: (l: keyof typeof orgLevelLabels) => orgLevelLabels[l] },
                { title: '服务对象', dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total, defaultSortOrder: 'descend' },
                { title: '重点优抚', dataIndex: 'priorityCare', align: 'right', sorter: (a, b) => a.priorityCare - b.priorityCare },
                { title: '已入库', dataIndex: 'registered', align: 'right' },
                { title: '待审核', dataIndex: 'pending', align: 'right', sorter: (a, b) => a.pending - b.pending },
                { title: '采集完整度', dataIndex: 'completeness', align: 'right', render: (v: number) => pct(v), sorter: (a, b) => a.completeness - b.completeness },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
