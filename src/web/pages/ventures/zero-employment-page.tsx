// 零就业家庭 (§23): the monthly count of flagged households (chart, and this month by unit), the
// households found from the registry's data waiting to be confirmed (确认 → the case page), and the
// confirmed ones (status, 我包联的), with the ledger export.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { employmentStatusLabels } from '../../../shared/schemas/recipients';
import { zeroEmploymentStatusLabels, zeroEmploymentStatuses, type ZeroEmploymentCandidate, type ZeroEmploymentDto } from '../../../shared/schemas/ventures';
import { isApiError } from '../../api/client';
import { useConfirmZero, useZeroAssignees, useZeroCandidates, useZeroFigures, ventureApi, ventureKeys } from '../../api/ventures';
import { CountChart } from '../../components/chart';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: zeroEmploymentStatuses.map((s) => ({ value: s, label: zeroEmploymentStatusLabels[s] })), width: 140 },
  { kind: 'select', name: 'mine', label: '包联', options: [{ value: '1', label: '我包联的' }], width: 130 },
];

function Trend() {
  const q = useZeroFigures(12);
  const items = useMemo(() => (q.data ? q.data.months.map((m, i) => ({ label: `${Number(m.slice(5))}月`, n: q.data.total[i] })) : []), [q.data]);
  if (!q.data) return null;
  const now = q.data.total[q.data.total.length - 1];
  return (
    <Card size="small" title="零就业家庭数（近 12 个月，月末在册）" style={{ marginBottom: 12 }} data-testid="zero-trend">
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title="当前帮扶中" value={now} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="近 12 个月上岗再就业" value={q.data.reemployedInPeriod} />
        </Col>
        <Col xs={24} sm={12}>
          <Space size={[8, 4]} wrap>
            {q.data.rows
              .filter((r) => r.counts[r.counts.length - 1] > 0)
              .map((r) => (
                <Tag key={r.orgUnitId}>
                  {r.orgUnitName} {r.counts[r.counts.length - 1]}
                </Tag>
              ))}
          </Space>
        </Col>
      </Row>
      <CountChart items={items} kind="bar" ariaLabel="零就业家庭数逐月变化" />
    </Card>
  );
}

function ConfirmModal({ c, onClose }: { c: ZeroEmploymentCandidate; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const confirm = useConfirmZero();
  const who = useZeroAssignees(c.orgUnitId);
  const submit = async () => {
    const raw = form.getFieldsValue(true) as { workerUserId?: string; note?: string };
    try {
      const z = await confirm.mutateAsync({ recipientId: c.recipientId, workerUserId: raw.workerUserId ?? null, note: raw.note ?? '' });
      void message.success('已确认为零就业家庭，纳入再就业重点帮扶');
      onClose();
      navigate(`/ventures/zero-employment/${z.id}`);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title={`确认零就业家庭：${c.headName}家`} open onCancel={onClose} onOk={() => void submit()} okText="确认" confirmLoading={confirm.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">请入户核实家庭成员的就业情况后确认。确认后纳入再就业重点帮扶，由包联人员跟踪至上岗再就业。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ workerUserId: me.id, note: '' }}>
        <Form.Item name="workerUserId" label="包联人员">
          <Select aria-label="包联人员" loading={who.isLoading} options={(who.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))} />
        </Form.Item>
        <Form.Item name="note" label="核实情况">
          <Input.TextArea rows={2} maxLength={500} aria-label="核实情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Candidates() {
  const canWrite = useCan('employment:write');
  const [page, setPage] = useState(1);
  const [name, setName] = useState('');
  const q = useZeroCandidates({ page, pageSize: 10, name: name || undefined });
  const [chosen, setChosen] = useState<ZeroEmploymentCandidate | null>(null);
  return (
    <Card size="small" title="疑似零就业家庭（按登记的就业状况查找，待核实确认）" style={{ marginBottom: 12 }} data-testid="zero-candidates">
      <Input.Search
        allowClear
        placeholder="按姓名查找"
        aria-label="按姓名查找疑似零就业家庭"
        style={{ maxWidth: 260, marginBottom: 8 }}
        onSearch={(v) => {
          setName(v.trim());
          setPage(1);
        }}
      />
      <Table
        size="small"
        rowKey="recipientId"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage, size: 'small' }}
        locale={{ emptyText: '暂无疑似零就业家庭' }}
        columns={[
          {
            key: 'head',
            title: '户主（本人）',
            render: (_x, c) => (
              <div>
                <Link to={`/recipients/${c.recipientId}`}>{c.headName}</Link>
                <div className="muted">{c.orgUnitName}</div>
              </div>
            ),
          },
          {
            key: 'members',
            title: '劳动年龄成员',
            render: (_x, c) =>
              c.members
                .filter((m) => m.workingAge)
                .map((m) => `${m.name}（${m.relation}，${m.status ? employmentStatusLabels[m.status] : '未填'}）`)
                .join('；'),
          },
          { key: 'n', title: '失业', responsive: ['sm'], render: (_x, c) => `${c.unemployed}/${c.workingAge} 人` },
          {
            key: 'act',
            title: '',
            render: (_x, c) =>
              canWrite && (
                <Button size="small" type="primary" onClick={() => setChosen(c)}>
                  确认
                </Button>
              ),
          },
        ]}
      />
      {chosen && <ConfirmModal c={chosen} onClose={() => setChosen(null)} />}
    </Card>
  );
}

export function ZeroEmploymentPage() {
  const columns: RecordColumn<ZeroEmploymentDto>[] = [
    {
      key: 'head',
      title: '零就业家庭',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/ventures/zero-employment/${r.id}`}>
            <Typography.Text strong>{r.headName}家</Typography.Text>
          </Link>
          <div className="muted">{r.address || r.orgUnitName}</div>
          <Tag color={r.status === 'helping' ? 'orange' : r.status === 'reemployed' ? 'green' : 'default'}>{zeroEmploymentStatusLabels[r.status]}</Tag>
        </div>
      ),
    },
    { key: 'confirmedOn', title: '确认日期', dataIndex: 'confirmedOn', responsive: ['sm'] },
    { key: 'worker', title: '包联人员', dataIndex: 'workerName', responsive: ['sm'] },
    { key: 'measures', title: '帮扶措施', responsive: ['md'], render: (_v, r) => `${r.measureCount} 次` },
    { key: 'closed', title: '销号', responsive: ['md'], render: (_v, r) => (r.closedOn ? `${r.closedOn}${r.reemployedName ? ` ${r.reemployedName}上岗` : ''}` : '—') },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell title="零就业家庭" subtitle="下岗失业的退役军人家庭及时纳入再就业重点帮扶，实现零就业家庭上岗再就业">
      <Trend />
      <Candidates />
      <RecordTable<ZeroEmploymentDto>
        queryKey={ventureKeys.zeroList}
        fetchPage={ventureApi.zeroList}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="zero-employment"
        ledger="零就业家庭台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={ventureApi.zeroLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无已确认的零就业家庭"
      />
    </PageShell>
  );
}
