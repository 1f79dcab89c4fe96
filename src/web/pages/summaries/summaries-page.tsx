// 半年工作总结: my unit's summary of a half-year (or the figures a draft would start from, and the
// button that drafts it) and the children's summaries with their states.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { periodKind } from '../../../shared/rules/periods';
import { useCreateSummary, useSummaryOverview } from '../../api/summaries';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { errorText } from '../honors/recipient-select';
import { ChildrenTable, FigureTables, SummaryStatusTag, recentHalfYears, stamp } from './summary-parts';

export function SummariesPage() {
  const [params, setParams] = useSearchParams();
  const halves = recentHalfYears();
  const asked = params.get('halfYear');
  const halfYear = asked && periodKind(asked) === 'half' ? asked : halves[0].value;
  const unitId = params.get('orgUnitId') ?? undefined;
  const q = useSummaryOverview(halfYear, unitId);
  const create = useCreateSummary();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const o = q.data;
  const options = halves.some((h) => h.value === halfYear) ? halves : [...halves, { value: halfYear, label: halfYear }];

  async function draft() {
    try {
      const s = await create.mutateAsync({ orgUnitId: o!.orgUnitId, halfYear });
      navigate(`/summaries/${s.id}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  }

  return (
    <PageShell
      title="半年工作总结"
      subtitle="每半年由各级服务中心（站）依据业务数据起草，逐级提交上级审核"
      extra={<Select aria-label="半年度" value={halfYear} options={options} style={{ width: 160 }} onChange={(v) => setParams(unitId ? { halfYear: v, orgUnitId: unitId } : { halfYear: v }, { replace: true })} />}
    >
      {q.isPending && <Skeleton active />}
      {q.isError && <Alert type="error" showIcon title={errorText(q.error)} />}
      {o && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {unitId && unitId !== me.orgUnit.id && (
            <Link to={`/summaries?halfYear=${halfYear}`} className="no-print">
              <Button icon={<ArrowLeftOutlined />}>返回本单位</Button>
            </Link>
          )}
          <Card title={`${o.orgUnitName}${o.halfYearLabel}工作总结`} size="small" data-testid="own-summary">
            {o.summary ? (
              <Flex wrap gap={12} align="center" justify="space-between">
                <Space wrap>
                  <SummaryStatusTag status={o.summary.status} />
                  {o.summary.submittedAt && <Typography.Text type="secondary">提交于 {stamp(o.summary.submittedAt)}</Typography.Text>}
                  {o.summary.acceptedAt && <Typography.Text type="secondary">通过于 {stamp(o.summary.acceptedAt)}</Typography.Text>}
                </Space>
                <Link to={`/summaries/${o.summary.id}`}>
                  <Button type="primary" icon={o.summary.status === 'draft' || o.summary.status === 'returned' ? <EditOutlined /> : <FileTextOutlined />}>
                    {o.summary.status === 'draft' || o.summary.status === 'returned' ? '编辑总结' : '查看总结'}
                  </Button>
                </Link>
              </Flex>
            ) : (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Flex wrap gap={12} align="center" justify="space-between">
                  <Space wrap>
                    <SummaryStatusTag status={null} />
                    <Typography.Text type="secondary">起草时自动带入下列业务数据，再补充工作开展情况、存在问题和下步打算。</Typography.Text>
                  </Space>
                  {o.canCreate && (
                    <Button type="primary" icon={<EditOutlined />} loading={create.isPending} onClick={() => void draft()}>
                      起草本单位总结
                    </Button>
                  )}
                </Flex>
                <FigureTables groups={o.figures} />
              </Space>
            )}
          </Card>
          {o.children.length > 0 && (
            <Card title="下级单位工作总结" size="small">
              <ChildrenTable items={o.children} halfYear={halfYear} />
            </Card>
          )}
        </Space>
      )}
    </PageShell>
  );
}
