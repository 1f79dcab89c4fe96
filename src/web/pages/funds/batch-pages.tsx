// Payables 待发放 and payment batches 发放批次: select approved aid, build a batch from a fund, then
// confirm, export the bank's transfer file, record each payment's result and close it.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Radio, Select, Space, Table, Tag, Tooltip } from 'antd';
import { batchStatusLabels, payableStatusLabels, type BatchDetail, type BatchDto, type BatchItemDto, type PayableDto } from '../../../shared/schemas/funds';
import { isApiError } from '../../api/client';
import { revealPayableAccount, useBatch, useBatchAction, useBatches, useCreateBatch, useFunds, usePayables } from '../../api/funds';
import { CaseTimeline } from '../../components/case-timeline';
import { LedgerExportButton } from '../../components/ledger-export-button';
import { SensitiveValue } from '../../components/sensitive-value';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';
import { DisburseButton } from './disburse-dialog';
import { Money } from './fund-pages';

const errorText = (e: unknown) => (isApiError(e) ? e.message : '操作失败，请稍后重试');

export function PayablesPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canWrite = useCan('funds:write');
  const [status, setStatus] = useState('pending');
  const [selected, setSelected] = useState<string[]>([]);
  const [fundId, setFundId] = useState<string>();
  const { data, isLoading } = usePayables(status);
  const funds = useFunds();
  const batches = useBatches();
  const create = useCreateBatch();
  return (
    <PageShell title="待发放与发放批次" subtitle="审批通过的援助在此发放：默认银行代发，按批次导出代发文件并登记结果">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card size="small" title="待发放援助">
          <Space wrap style={{ marginBottom: 12 }}>
            <Radio.Group value={status} onChange={(e) => (setStatus(e.target.value as string), setSelected([]))} optionType="button" options={(['pending', 'inBatch', 'paid'] as const).map((s) => ({ value: s, label: payableStatusLabels[s] }))} />
            {canWrite && status === 'pending' && (
              <>
                <Select aria-label="发放资金" placeholder="选择发放资金" style={{ width: 240 }} value={fundId} onChange={setFundId} options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（余额 ${(f.balanceFen / 100).toFixed(2)} 元）` }))} />
                <Button
                  type="primary"
                  disabled={!fundId || !selected.length}
                  loading={create.isPending}
                  onClick={() =>
                    create.mutate(
                      { orgUnitId: me.orgUnit.id, fundId: fundId!, payableIds: selected },
                      { onSuccess: (b) => navigate(`/funds/batches/${b.id}`), onError: (e) => message.error(errorText(e)) },
                    )
                  }
                >
                  生成发放批次（{selected.length} 笔）
                </Button>
              </>
            )}
          </Space>
          <Table<PayableDto>
            rowKey="id"
            size="small"
            loading={isLoading}
            dataSource={data?.items ?? []}
            pagination={false}
            scroll={{ x: 760 }}
            rowSelection={canWrite && status === 'pending' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (p) => ({ disabled: p.form !== 'money' || !p.accountMasked }) } : undefined}
            columns={[
              { title: '服务对象', dataIndex: 'recipientName' },
              { title: '所在单位', dataIndex: 'orgUnitName' },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (n: number) => <Money fen={n} /> },
              { title: '形式', dataIndex: 'form', render: (f: string, p) => (f === 'money' ? '资金' : `实物：${p.goods.map((g) => `${g.item}×${g.quantity}`).join('、')}`) },
              {
                title: '收款账号',
                render: (_, p) => (
                  <Space size={4}>
                    {p.accountMasked ? <SensitiveValue recipientId={p.recipientId} field="bankAccount" masked={p.accountMasked} revealWith={() => revealPayableAccount(p.id)} /> : '未登记'}
                    {p.accountWarning && (
                      <Tooltip title={p.accountWarning}>
                        <Tag color="warning">请核对</Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: '核定日期', dataIndex: 'approvedOn' },
              { title: '上次失败', dataIndex: 'lastFailure' },
              {
                title: '操作',
                render: (_, p) => (canWrite && p.status === 'pending' ? <DisburseButton payable={p} defaultFundId={fundId} /> : null),
              },
            ]}
          />
        </Card>
        <Card size="small" title="发放批次">
          <Table<BatchDto>
            rowKey="id"
            size="small"
            dataSource={batches.data?.items ?? []}
            pagination={false}
            scroll={{ x: 640 }}
            columns={[
              { title: '批次', render: (_, b) => <Link to={`/funds/batches/${b.id}`}>{`${b.orgUnitName} ${b.createdAt.slice(0, 10)}`}</Link> },
              { title: '资金', dataIndex: 'fundName' },
              { title: '笔数', dataIndex: 'itemCount' },
              { title: '金额', dataIndex: 'totalFen', align: 'right', render: (n: number) => <Money fen={n} /> },
              { title: '状态', dataIndex: 'status', render: (s: BatchDto['status']) => <Tag>{batchStatusLabels[s]}</Tag> },
            ]}
          />
        </Card>
      </Space>
    </PageShell>
  );
}

function ResultsForm({ batch }: { batch: BatchDetail }) {
  const { message } = App.useApp();
  const act = useBatchAction(batch.id);
  const [rows, setRows] = useState<Record<string, { outcome: 'paid' | 'failed'; bankReply: string }>>(() => Object.fromEntries(batch.items.map((i) => [i.payableId, { outcome: 'paid' as const, bankReply: '' }])));
  const set = (id: string, patch: Partial<{ outcome: 'paid' | 'failed'; bankReply: string }>) => setRows((r) => ({ ...r, [id]: { ...r[id], ...patch } }));
  return (
    <Card size="small" title="登记银行回盘结果（逐笔，一次提交）">
      <Table<BatchItemDto>
        rowKey="payableId"
        size="small"
        pagination={false}
        dataSource={batch.items}
        columns={[
          { title: '序号', dataIndex: 'seq' },
          { title: '收款人', dataIndex: 'recipientName' },
          { title: '金额', dataIndex: 'amountFen', align: 'right', render: (n: number) => <Money fen={n} /> },
          {
            title: '结果',
            render: (_, i) => (
              <Radio.Group
                aria-label={`${i.recipientName}的结果`}
                value={rows[i.payableId]?.outcome}
                onChange={(e) => set(i.payableId, { outcome: e.target.value as 'paid' | 'failed' })}
                options={[
                  { value: 'paid', label: '成功' },
                  { value: 'failed', label: '失败' },
                ]}
              />
            ),
          },
          { title: '银行回复', render: (_, i) => <Input aria-label={`${i.recipientName}的银行回复`} value={rows[i.payableId]?.bankReply} onChange={(e) => set(i.payableId, { bankReply: e.target.value })} maxLength={200} /> },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={act.isPending}
        onClick={() =>
          act.mutate(
            { action: 'results', body: { version: batch.version, results: batch.items.map((i) => ({ payableId: i.payableId, ...rows[i.payableId] })) } },
            { onSuccess: () => message.success('已登记发放结果'), onError: (e) => message.error(errorText(e)) },
          )
        }
      >
        提交结果
      </Button>
    </Card>
  );
}

export function BatchPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const { data: b } = useBatch(id);
  const act = useBatchAction(id);
  const canReview = useCan('funds:review');
  const canWrite = useCan('funds:write');
  if (!b) return null;
  const run = (action: 'confirm' | 'export' | 'close', done: string) => act.mutate({ action, body: { version: b.version } }, { onSuccess: () => message.success(done), onError: (e) => message.error(errorText(e)) });
  const fileUrl = `/api/funds/batches/${encodeURIComponent(b.id)}/transfer-file`;
  return (
    <PageShell
      title="发放批次"
      subtitle={`${b.orgUnitName} · ${b.fundName} · ${batchStatusLabels[b.status]}`}
      extra={
        <Space wrap>
          {b.status === 'draft' && canReview && (
            <Button type="primary" onClick={() => run('confirm', '已确认')}>
              确认批次
            </Button>
          )}
          {b.status === 'confirmed' && canWrite && (
            <Button type="primary" onClick={() => run('export', '已标记导出，请下载代发文件')}>
              导出代发文件
            </Button>
          )}
          {['exported', 'recorded', 'closed'].includes(b.status) && <LedgerExportButton path={fileUrl} label="下载代发文件" fallbackName="银行代发文件.xlsx" maskedHint="银行账号按屏幕显示方式遮盖" />}
          {b.status === 'recorded' && canWrite && <Button onClick={() => run('close', '已办结')}>办结</Button>}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {b.shareBalanceFen < b.totalFen - b.paidFen && ['draft', 'confirmed', 'exported'].includes(b.status) && <Alert type="warning" showIcon message={`本单位在该资金的余额（${(b.shareBalanceFen / 100).toFixed(2)} 元）不足以支付本批次`} />}
        <Descriptions bordered size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label="笔数">{b.itemCount}</Descriptions.Item>
          <Descriptions.Item label="金额">
            <Money fen={b.totalFen} />
          </Descriptions.Item>
          <Descriptions.Item label="资金余额">
            <Money fen={b.shareBalanceFen} />
          </Descriptions.Item>
          <Descriptions.Item label="成功">
            {b.paidCount} 笔 <Money fen={b.paidFen} />
          </Descriptions.Item>
          <Descriptions.Item label="失败">{b.failedCount} 笔</Descriptions.Item>
        </Descriptions>
        {b.status === 'exported' && canWrite ? (
          <ResultsForm batch={b} />
        ) : (
          <Table<BatchItemDto>
            rowKey="payableId"
            size="small"
            pagination={false}
            dataSource={b.items}
            scroll={{ x: 640 }}
            columns={[
              { title: '序号', dataIndex: 'seq' },
              { title: '收款人', dataIndex: 'recipientName' },
              { title: '所在单位', dataIndex: 'orgUnitName' },
              { title: '收款账号', render: (_, i) => <Space size={4}>{i.accountMasked && <SensitiveValue recipientId="" field="bankAccount" masked={i.accountMasked} revealWith={() => revealPayableAccount(i.payableId)} />}{i.accountWarning && <Tag color="warning">{i.accountWarning}</Tag>}</Space> },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (n: number) => <Money fen={n} /> },
              { title: '结果', render: (_, i) => (i.result ? <Tag color={i.result === 'paid' ? 'success' : 'error'}>{i.result === 'paid' ? '成功' : '失败'}</Tag> : '') },
              { title: '银行回复', dataIndex: 'bankReply' },
            ]}
          />
        )}
        <Card size="small" title="办理记录">
          <CaseTimeline log={b.log} />
        </Card>
      </Space>
    </PageShell>
  );
}
