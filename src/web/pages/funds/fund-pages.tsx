// Funds 资金来源: the list with the balance of each, a fund's page (shares, movements, a new
// movement) and the reconciliation report 资金对账表 (prints on A4).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { earmarkKindLabels, earmarkKinds, fundKindLabels, fundKinds, movementKindLabels, yuan, type FundCreate, type FundDto, type MovementCreate, type MovementDto } from '../../../shared/schemas/funds';
import { isApiError } from '../../api/client';
import { useAddMovement, useCreateFund, useFund, useFunds, useReport } from '../../api/funds';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';

export const Money = ({ fen }: { fen: number }) => <span className="funds-money">{yuan(fen)} 元</span>;

/** yuan typed in a form → integer fen (no float drift: from the text) */
export function toFen(v: number | string | null | undefined): number {
  const s = String(v ?? '').trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function NewFundButton() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FundCreate>();
  const create = useCreateFund();
  const kind = Form.useWatch('kind', form);
  const earmark = Form.useWatch('earmarkKind', form);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        新增资金来源
      </Button>
      <Modal
        open={open}
        title="新增资金来源"
        okText="保存"
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={() =>
          form.validateFields().then((v) =>
            create.mutate(
              { ...v, orgUnitId: v.orgUnitId ?? me.orgUnit.id },
              {
                onSuccess: () => {
                  message.success('已新增资金来源');
                  setOpen(false);
                  form.resetFields();
                },
                onError: (e) => message.error(errorText(e)),
              },
            ),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'careFund', earmarkKind: 'none', orgUnitId: me.orgUnit.id }}>
          <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <OrgUnitSelect aria-label="所属单位" />
          </Form.Item>
          <Form.Item name="kind" label="资金类别" rules={[{ required: true }]}>
            <Select options={fundKinds.map((k) => ({ value: k, label: fundKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="资金名称" rules={[{ required: true, message: '请填写资金名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          {kind === 'donation' && (
            <>
              <Form.Item name="donor" label="捐赠方" rules={[{ required: true, message: '请填写捐赠方' }]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="purpose" label="捐赠用途" rules={[{ required: true, message: '请填写捐赠用途' }]}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          <Form.Item name="earmarkKind" label="定向">
            <Select options={earmarkKinds.filter((k) => k !== 'person').map((k) => ({ value: k, label: earmarkKindLabels[k] }))} />
          </Form.Item>
          {(earmark === 'group' || earmark === 'purpose') && (
            <Form.Item name="earmarkNote" label="定向群体或限定用途" rules={[{ required: true, message: '请填写' }]}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

export function FundListPage() {
  const { data, isLoading } = useFunds();
  const canWrite = useCan('funds:write');
  return (
    <PageShell
      title="资金与发放"
      subtitle="资金来源、余额（均由资金流水计算）、待发放援助与发放批次"
      extra={
        <Space wrap>
          <Link to="/funds/payables">待发放与发放批次</Link>
          {canWrite && <NewFundButton />}
        </Space>
      }
    >
      <Table<FundDto>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: '资金名称', dataIndex: 'name', render: (v: string, f) => <Link to={`/funds/${f.id}`}>{v}</Link> },
          { title: '类别', dataIndex: 'kind', render: (k: FundDto['kind']) => fundKindLabels[k] },
          { title: '所属单位', dataIndex: 'orgUnitName' },
          { title: '定向', render: (_, f) => (f.earmarkKind === 'none' ? '不限定' : `${earmarkKindLabels[f.earmarkKind]}${f.earmarkNote ? `：${f.earmarkNote}` : ''}`) },
          { title: '余额', dataIndex: 'balanceFen', align: 'right', render: (n: number) => <Money fen={n} /> },
        ]}
      />
    </PageShell>
  );
}

function MovementForm({ fund }: { fund: FundDto }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: MovementCreate['kind']; amount: string; unitId?: string; toUnitId?: string; note: string }>();
  const add = useAddMovement(fund.id);
  const kind = Form.useWatch('kind', form);
  return (
    <Card title="登记资金流水" size="small" className="no-print">
      <Form
        form={form}
        layout="inline"
        initialValues={{ kind: 'income', unitId: fund.orgUnitId, note: '' }}
        onFinish={(v) => {
          const amountFen = toFen(v.amount);
          if (!Number.isFinite(amountFen) || amountFen <= 0) {
            message.error('金额须为大于 0 的数字，最多两位小数');
            return;
          }
          add.mutate(
            { kind: v.kind, amountFen, unitId: v.unitId, toUnitId: v.kind === 'allocation' ? v.toUnitId : undefined, note: v.note ?? '' },
            { onSuccess: () => (message.success('已登记'), form.resetFields()), onError: (e) => message.error(errorText(e)) },
          );
        }}
      >
        <Form.Item name="kind" label="类别">
          <Select style={{ width: 110 }} options={(['income', 'allocation', 'return'] as const).map((k) => ({ value: k, label: movementKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber<string> stringMode min="0.01" step="0.01" style={{ width: 140 }} aria-label="金额（元）" />
        </Form.Item>
        <Form.Item name="unitId" label={kind === 'allocation' ? '拨出单位' : '单位份额'}>
          <OrgUnitSelect style={{ width: 200 }} aria-label="单位份额" />
        </Form.Item>
        {kind === 'allocation' && (
          <Form.Item name="toUnitId" label="拨入单位" rules={[{ required: true, message: '请选择拨入单位' }]}>
            <OrgUnitSelect style={{ width: 200 }} aria-label="拨入单位" />
          </Form.Item>
        )}
        <Form.Item name="note" label="摘要">
          <Input maxLength={200} style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          登记
        </Button>
      </Form>
    </Card>
  );
}

const movementColumns = [
  { title: '日期', dataIndex: 'onDay' },
  { title: '类别', dataIndex: 'kind', render: (k: MovementDto['kind']) => <Tag>{movementKindLabels[k]}</Tag> },
  { title: '单位', render: (_: unknown, m: MovementDto) => (m.kind === 'allocation' ? `${m.fromUnitName ?? ''} → ${m.orgUnitName}` : m.orgUnitName) },
  { title: '金额', align: 'right' as const, render: (_: unknown, m: MovementDto) => <Money fen={m.kind === 'disbursement' ? -m.amountFen : m.amountFen} /> },
  { title: '摘要', dataIndex: 'note' },
  { title: '经办人', dataIndex: 'createdByName' },
];

export function FundDetailPage() {
  const { id = '' } = useParams();
  const { data: f } = useFund(id);
  const canWrite = useCan('funds:write');
  if (!f) return null;
  return (
    <PageShell title={f.name} subtitle={`${fundKindLabels[f.kind]} · ${f.orgUnitName}`} extra={<Link to={`/funds/${f.id}/report`}>资金对账表</Link>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="余额">
            <Money fen={f.balanceFen} />
          </Descriptions.Item>
          <Descriptions.Item label="定向">{f.earmarkKind === 'none' ? '不限定' : `${earmarkKindLabels[f.earmarkKind]} ${f.earmarkNote}`}</Descriptions.Item>
          {f.donor ? <Descriptions.Item label="捐赠方">{f.donor}</Descriptions.Item> : null}
          {f.purpose ? <Descriptions.Item label="用途">{f.purpose}</Descriptions.Item> : null}
          {f.shares.map((s) => (
            <Descriptions.Item key={s.orgUnitId} label={`${s.orgUnitName}份额`}>
              <Money fen={s.balanceFen} />
            </Descriptions.Item>
          ))}
        </Descriptions>
        {canWrite && <MovementForm fund={f} />}
        <Table<MovementDto> rowKey="id" size="small" dataSource={f.movements} columns={movementColumns} pagination={false} scroll={{ x: 720 }} />
      </Space>
    </PageShell>
  );
}

export function ReportPage() {
  const { id = '' } = useParams();
  const today = dayjs();
  const [range, setRange] = useState<[string, string]>([today.startOf('month').format('YYYY-MM-DD'), today.format('YYYY-MM-DD')]);
  const { data: r } = useReport(id, range[0], range[1], '');
  const rows = r
    ? [
        ['期初余额', r.openingFen],
        ['本期收入', r.incomeFen],
        ['本期拨入', r.allocatedInFen],
        ['本期拨出', -r.allocatedOutFen],
        ['本期发放', -r.disbursedFen],
        ['本期退回', r.returnedFen],
        ['期末余额', r.closingFen],
      ]
    : [];
  return (
    <PageShell
      title="资金对账表"
      subtitle={r ? `${r.fundName}（${r.unitName}）${r.from} 至 ${r.to}` : undefined}
      className="funds-report"
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            allowClear={false}
          />
          <Button href={`/api/ledgers/funds/${encodeURIComponent(id)}/report?from=${range[0]}&to=${range[1]}`} download>
            导出 .xlsx
          </Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      }
    >
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small" title="期初 + 收入 + 拨入 − 拨出 − 发放 + 退回 = 期末">
            <Table
              rowKey={(x) => String(x[0])}
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: '项目', render: (_, x) => x[0] },
                { title: '金额', align: 'right', render: (_, x) => <Money fen={Number(x[1])} /> },
              ]}
            />
          </Card>
          <Table<MovementDto> rowKey="id" size="small" dataSource={r.movements} columns={movementColumns} pagination={false} />
        </Space>
      )}
    </PageShell>
  );
}
