// 月度汇总与报送 (Part 8 四(六) 定期汇总化解情况向上级报告): for a unit and a month, the disputes
// found, closed and still open at the month's end, per child unit, by risk and by method; exported
// to .xlsx; the caller's own unit submits it up; an upper unit sees which children have submitted.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { disputeMethodLabels, disputeMethods, riskLevelLabels, riskLevels, type CountsBy, type SummaryRow } from '../../../shared/schemas/disputes';
import { disputeApi, useDisputeSummary, useSubmissions, useSubmitSummary } from '../../api/disputes';
import { isApiError } from '../../api/client';
import { DayPicker } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';

function group(title: string, pick: (r: SummaryRow) => CountsBy, key: string): TableColumnsType<SummaryRow>[number] {
  return {
    title,
    key,
    children: (['found', 'closed', 'open'] as const).map((k) => ({
      title: { found: '排查', closed: '销号', open: '在办' }[k],
      key: `${key}-${k}`,
      render: (_v: unknown, r: SummaryRow) => pick(r)[k] || <span className="muted">0</span>,
    })),
  };
}

export function DisputeSummaryPage() {
  const me = useCurrentUser();
  const canWrite = useCan('disputes:write');
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | undefined>(me.orgUnit.id);
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const summary = useDisputeSummary(unitId, month);
  const subs = useSubmissions(unitId, month);
  const submit = useSubmitSummary();
  const own = unitId === me.orgUnit.id;

  const columns: TableColumnsType<SummaryRow> = [
    { title: '单位', key: 'unit', fixed: 'left', render: (_v, r) => (r.orgUnitName === '合计' ? <strong>合计</strong> : r.orgUnitName) },
    group('合计', (r) => r.total, 'total'),
    ...riskLevels.map((k) => group(`风险${riskLevelLabels[k]}`, (r) => r.byRisk[k], `risk-${k}`)),
    ...disputeMethods.map((m) => group(disputeMethodLabels[m], (r) => r.byMethod[m], `method-${m}`)),
  ];
  const rows = summary.data ? [...summary.data.rows, summary.data.total] : [];

  async function submitUp() {
    try {
      const s = await submit.mutateAsync(month);
      void message.success(`已报送${s.revision > 1 ? `（第 ${s.revision} 次）` : ''}`);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '报送失败，请稍后重试');
    }
  }

  return (
    <PageShell
      title="矛盾纠纷月度汇总"
      subtitle="按下级单位统计当月排查、销号件数和月末在办件数，分风险等级与排查方式；本单位可向上级报送"
      extra={
        <Space wrap>
          {unitId && (
            <Button icon={<DownloadOutlined />} href={disputeApi.summaryExportUrl(unitId, month)} download>
              导出 Excel
            </Button>
          )}
          {own && canWrite && (
            <Button type="primary" icon={<CloudUploadOutlined />} loading={submit.isPending} onClick={() => void submitUp()}>
              {subs.data?.own ? '重新报送' : '向上级报送'}
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={8} wrap className="no-print" style={{ marginBottom: 12 }}>
        <OrgUnitSelect value={unitId} onChange={(id) => setUnitId(id ?? me.orgUnit.id)} aria-label="单位" style={{ width: 260, maxWidth: '100%' }} />
        <DayPicker picker="month" aria-label="月份" value={`${month}-01`} maxDay={dayjs().endOf('month').format('YYYY-MM-DD')} onChange={(v) => v && setMonth(v.slice(0, 7))} style={{ width: 140 }} />
      </Flex>
      {subs.data?.own && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${month} 月报已于 ${dayjs(subs.data.own.submittedAt).format('YYYY-MM-DD HH:mm')} 由${subs.data.own.submittedByName}报送${subs.data.own.revision > 1 ? `（第 ${subs.data.own.revision} 次）` : ''}`}
        />
      )}
      {summary.isError && <Alert type="error" showIcon title={isApiError(summary.error) ? summary.error.message : '加载失败'} style={{ marginBottom: 12 }} />}
      <Card>
        <Table<SummaryRow>
          className="dispute-summary-table"
          size="small"
          bordered
          loading={summary.isLoading}
          rowKey={(r) => `${r.orgUnitId}-${r.ownLevel}-${r.orgUnitName}`}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          排查：当月排查发现的件数；销号：当月销号的件数；在办：至月末仍未销号的件数。
        </Typography.Paragraph>
      </Card>
      <Card className="dispute-section" title={`下级单位报送情况（${month}）`} extra={subs.data && subs.data.children.length > 0 && <Tag color={subs.data.missing ? 'orange' : 'green'}>{subs.data.missing ? `${subs.data.missing} 个单位未报送` : '全部已报送'}</Tag>}>
        {subs.data && subs.data.children.length ? (
          <Table
            size="small"
            rowKey="orgUnitId"
            pagination={false}
            dataSource={subs.data.children}
            columns={[
              { title: '单位', dataIndex: 'orgUnitName', key: 'unit' },
              { title: '状态', key: 'status', render: (_v, c) => (c.submission ? <Tag color="green">已报送</Tag> : <Tag color="orange">未报送</Tag>) },
              { title: '报送时间', key: 'at', render: (_v, c) => (c.submission ? `${dayjs(c.submission.submittedAt).format('YYYY-MM-DD HH:mm')} ${c.submission.submittedByName}` : '—') },
              { title: '排查 / 销号 / 在办', key: 'n', render: (_v, c) => (c.submission ? `${c.submission.summary.total.total.found} / ${c.submission.summary.total.total.closed} / ${c.submission.summary.total.total.open}` : '—') },
            ]}
          />
        ) : (
          <Empty description="没有下级单位" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    </PageShell>
  );
}
