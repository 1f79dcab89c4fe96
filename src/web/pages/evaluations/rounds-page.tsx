// 考评: the rounds the caller organizes or is evaluated in, and the evaluations of the caller's range;
// an upper unit starts a round (a set, a period, the units below it, the self-assessment day, who
// scores). A round's page lists each unit's progress and links its published results.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { evaluatedLevelLabels, evaluationStatusLabels, scorerModeLabels, setKindLabels, type EvaluationRowDto, type RoundDto } from '../../../shared/schemas/evaluations';
import { periodLabel } from '../../../shared/rules/periods';
import { evaluationApi, evaluationKeys, useCreateRound, useIndicatorSets, useRound, useScorers } from '../../api/evaluations';
import { orgUnitApi } from '../../api/org-units';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { DayPicker } from '../../components/day-picker';
import { useDebounced } from '../../components/use-debounced';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCan, useCurrentUser } from '../../components/session';
import { EvaluationsNav, errorText } from './evaluations-nav';
import { GradeTag, bandsText } from './grade-tag';

export const statusColor = { selfAssessing: 'processing', submitted: 'warning', scored: 'cyan', published: 'success' } as const;

function periodOptions(): { value: string; label: string }[] {
  const y = dayjs().year();
  const out: string[] = [];
  for (const year of [y, y - 1]) out.push(String(year), `${year}-H1`, `${year}-H2`, `${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`);
  return out.map((p) => ({ value: p, label: periodLabel(p) }));
}

function CreateRound({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateRound();
  const sets = useIndicatorSets();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const organizer = Form.useWatch('orgUnitId', form) as string | undefined;
  const setId = Form.useWatch('setId', form) as string | undefined;
  const set = sets.data?.items.find((s) => s.id === setId);
  const mode = (Form.useWatch('scorerMode', form) as 'upper' | 'group' | undefined) ?? 'upper';
  const scorers = useScorers(organizer, mode === 'group');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const candidates = useQuery({
    queryKey: ['org-units', 'evaluation-candidates', set?.level ?? '', q],
    queryFn: ({ signal }) => orgUnitApi.list({ level: set!.level, q: q || undefined, pageSize: 200 }, signal),
    enabled: !!organizer && !!set,
  });
  const unitOptions = (candidates.data?.items ?? []).filter((u) => u.id !== organizer).map((u) => ({ value: u.id, label: u.name }));
  async function submit(v: Record<string, unknown>) {
    try {
      const r = await create.mutateAsync({
        orgUnitId: v.orgUnitId as string,
        setId: v.setId as string,
        title: v.title as string,
        period: v.period as string,
        unitIds: (v.unitIds as string[]) ?? [],
        selfDueDay: v.selfDueDay as string,
        scorerMode: v.scorerMode as 'upper' | 'group',
        scorerIds: v.scorerMode === 'group' ? ((v.scorerIds as string[]) ?? []) : [],
      });
      onClose();
      navigate(`/evaluations/rounds/${r.id}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Modal open={open} title="发起考评" onCancel={onClose} okText="发起考评" onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgUnitId: me.orgUnit.id, scorerMode: 'upper', period: String(dayjs().year()), selfDueDay: dayjs().add(14, 'day').format('YYYY-MM-DD') }}>
        <Form.Item name="orgUnitId" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
          <OrgUnitSelect aria-label="组织单位" />
        </Form.Item>
        <Form.Item name="setId" label="指标体系" rules={[{ required: true, message: '请选择指标体系' }]}>
          <Select
            aria-label="指标体系"
            loading={sets.isPending}
            onChange={() => form.setFieldValue('unitIds', [])}
            options={(sets.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${setKindLabels[s.kind]}，${evaluatedLevelLabels[s.level]}）` }))}
          />
        </Form.Item>
        <Form.Item name="title" label="考评名称" rules={[{ required: true, message: '请填写考评名称' }]}>
          <Input maxLength={80} placeholder="如：2026年度村级服务站考评" />
        </Form.Item>
        <Form.Item name="period" label="考评期间" rules={[{ required: true, message: '请选择考评期间' }]}>
          <Select aria-label="考评期间" options={periodOptions()} />
        </Form.Item>
        <Form.Item name="unitIds" label="被考评单位" rules={[{ required: true, message: '请选择被考评单位' }]} extra={set ? `组织单位下属的${evaluatedLevelLabels[set.level]}（可输入名称查找）` : '先选择指标体系'}>
          <Select aria-label="被考评单位" mode="multiple" loading={candidates.isFetching} options={unitOptions} maxTagCount="responsive" showSearch={{ filterOption: false, onSearch: setSearch }} />
        </Form.Item>
        <Form.Item name="selfDueDay" label="自评截止日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DayPicker aria-label="自评截止日期" />
        </Form.Item>
        <Form.Item name="scorerMode" label="评分方式">
          <Radio.Group options={(['upper', 'group'] as const).map((m) => ({ value: m, label: scorerModeLabels[m] }))} />
        </Form.Item>
        {mode === 'group' && (
          <Form.Item name="scorerIds" label="考评组成员" rules={[{ required: true, message: '请选择考评组成员' }]} extra="区域互评：成员不为本单位评分（回避）">
            <Select aria-label="考评组成员" mode="multiple" loading={scorers.isFetching} optionFilterProp="label" options={(scorers.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function RoundsPage() {
  const canReview = useCan('evaluation:review');
  const [creating, setCreating] = useState(false);
  const roundColumns: RecordColumn<RoundDto>[] = [
    {
      key: 'title',
      title: '考评',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/evaluations/rounds/${r.id}`}>
            <Typography.Text strong>{r.title}</Typography.Text>
          </Link>
          <div className="muted">
            {r.orgUnitName} · {r.periodLabel} · {setKindLabels[r.setKind]}
          </div>
        </div>
      ),
    },
    { key: 'set', title: '指标体系', responsive: ['md'], render: (_v, r) => r.setName },
    { key: 'counts', title: '单位 / 已公布', responsive: ['sm'], render: (_v, r) => `${r.counts.units} / ${r.counts.published}` },
    { key: 'due', title: '自评截止', responsive: ['sm'], render: (_v, r) => r.selfDueDay },
  ];
  const evalColumns: RecordColumn<EvaluationRowDto & { roundTitle: string; period: string }>[] = [
    {
      key: 'unit',
      title: '被考评单位',
      fixedShown: true,
      render: (_v, e) => (
        <div>
          <Link to={`/evaluations/${e.id}`}>
            <Typography.Text strong>{e.orgUnitName}</Typography.Text>
          </Link>
          <div className="muted">
            {e.roundTitle} · {periodLabel(e.period)}
          </div>
          <Tag color={statusColor[e.status]}>{evaluationStatusLabels[e.status]}</Tag>
        </div>
      ),
    },
    { key: 'self', title: '自评得分', responsive: ['sm'], render: (_v, e) => e.selfTotal ?? '—' },
    { key: 'total', title: '考评得分', responsive: ['sm'], render: (_v, e) => e.total ?? '—' },
    { key: 'grade', title: '等次', responsive: ['sm'], render: (_v, e) => e.grade ?? '—' },
  ];
  return (
    <PageShell
      title="考核评估"
      subtitle="年度考评与日常考察：数据自动计算，填报项附佐证；自评、上级评分、结果公开，问题整改到位"
      extra={
        <Space wrap>
          <EvaluationsNav current="/evaluations" />
          {canReview && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起考评
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small" title="考评" style={{ marginBottom: 12 }}>
        <RecordTable<RoundDto> queryKey={evaluationKeys.rounds} fetchPage={evaluationApi.rounds} columns={roundColumns} rowKey="id" filters={[]} storageKey="evaluation-rounds" emptyText="暂无考评" />
      </Card>
      <Card size="small" title="本单位及下级单位的考核评估">
        <RecordTable queryKey={evaluationKeys.mine} fetchPage={evaluationApi.evaluations} columns={evalColumns} rowKey="id" filters={[]} storageKey="evaluation-list" emptyText="暂无考核评估" />
      </Card>
      <CreateRound open={creating} onClose={() => setCreating(false)} />
    </PageShell>
  );
}

export function RoundPage() {
  const { id } = useParams();
  const q = useRound(id);
  const r = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!r) return <Alert type="error" showIcon title="未找到该考评" />;
  return (
    <PageShell
      title={r.title}
      subtitle="考评"
      extra={
        <Link to={`/evaluations/rounds/${r.id}/results`}>
          <Button>考评结果公开</Button>
        </Link>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="组织单位">{r.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="考评期间">{r.periodLabel}</Descriptions.Item>
        <Descriptions.Item label="指标体系">
          {r.setName}（{setKindLabels[r.setKind]}）
        </Descriptions.Item>
        <Descriptions.Item label="评分方式">
          {scorerModeLabels[r.scorerMode]}
          {r.scorers.length > 0 && `：${r.scorers.map((s) => `${s.name}（${s.unitName}）`).join('、')}`}
        </Descriptions.Item>
        <Descriptions.Item label="自评截止">{r.selfDueDay}</Descriptions.Item>
        <Descriptions.Item label="已公布">
          {r.counts.published} / {r.counts.units}
        </Descriptions.Item>
        <Descriptions.Item label="考评等次">{bandsText(r.grades)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={`被考评单位（${r.evaluations.length}）`} styles={{ body: { padding: 0 } }}>
        {r.evaluations.map((e) => (
          <div key={e.id} data-testid={`round-unit-${e.orgUnitName}`} style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
            <Space wrap size={8}>
              <Link to={`/evaluations/${e.id}`}>
                <Typography.Text strong>{e.orgUnitName}</Typography.Text>
              </Link>
              <Tag color={statusColor[e.status]}>{evaluationStatusLabels[e.status]}</Tag>
              <span className="muted">
                自评 {e.selfTotal ?? '—'} · 得分 {e.total ?? '—'}
              </span>
              <GradeTag grade={e.grade} bands={r.grades} />
            </Space>
          </div>
        ))}
      </Card>
    </PageShell>
  );
}
