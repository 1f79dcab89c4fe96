// 考评指标体系: the default sets (annual 年度考评 and routine 日常考察, per level) with their
// formulas written out, and the sets of the caller's range. Editing a default makes the unit's own
// copy (the default stays); weights must add up to 100; a computed indicator's target is a setting;
// the grade bands 等次 (from the highest down, the lowest at 0) grade each unit's total.
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Input, InputNumber, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import {
  evaluatedLevelLabels,
  evaluatedLevels,
  gradeProblems,
  indicatorMethodLabels,
  setKindLabels,
  setKinds,
  type EvaluatedLevel,
  type GradeBand,
  type Indicator,
  type IndicatorSetDto,
  type SetKind,
} from '../../../shared/schemas/evaluations';
import { useCreateSet, useIndicatorSets, useUpdateSet } from '../../api/evaluations';
import { PageShell } from '../../components/page-shell';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCan, useCurrentUser } from '../../components/session';
import { EvaluationsNav, errorText } from './evaluations-nav';
import { bandsText } from './grade-tag';

function ruleText(i: Indicator): string {
  if (!i.rule) return '';
  if (i.rule.kind === 'rate') return '比例 × 权重';
  if (i.rule.kind === 'target') return `目标值 ${i.rule.target}`;
  return i.rule.steps.map((s) => `≥${s.min} 得 ${s.share}%`).join('，');
}

function Editor({ set, onClose }: { set: IndicatorSetDto; onClose: () => void }) {
  const me = useCurrentUser();
  const create = useCreateSet();
  const update = useUpdateSet();
  const { message } = App.useApp();
  const copying = !set.canEdit;
  const [name, setName] = useState(copying ? set.name.replace('（默认）', '') : set.name);
  const [kind, setKind] = useState<SetKind>(set.kind);
  const [level, setLevel] = useState<EvaluatedLevel>(set.level);
  const [unitId, setUnitId] = useState<string | undefined>(me.orgUnit.id);
  const [items, setItems] = useState<Indicator[]>(set.indicators);
  const [grades, setGrades] = useState<GradeBand[]>(set.grades);
  const gradeIssues = gradeProblems(grades.map((g) => ({ name: g.name.trim(), min: g.min })));
  const patchGrade = (n: number, v: Partial<GradeBand>) => setGrades((xs) => xs.map((x, k) => (k === n ? { ...x, ...v } : x)));
  const sum = Math.round(items.reduce((s, i) => s + (i.weight || 0), 0) * 100) / 100;
  const patch = (n: number, v: Partial<Indicator>) => setItems((xs) => xs.map((x, k) => (k === n ? { ...x, ...v } : x)));
  async function save() {
    try {
      if (copying) await create.mutateAsync({ orgUnitId: unitId as string, basedOn: set.id, name, kind, level, indicators: items, grades });
      else await update.mutateAsync({ id: set.id, body: { name, kind, level, indicators: items, grades, version: set.version } });
      void message.success('指标体系已保存');
      onClose();
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Modal open title={copying ? `复制并修改：${set.name}` : `修改：${set.name}`} okText="保存" onCancel={onClose} onOk={() => void save()} confirmLoading={create.isPending || update.isPending} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        {copying && (
          <div>
            所属单位 <OrgUnitSelect aria-label="所属单位" value={unitId} onChange={(v) => setUnitId(v)} style={{ minWidth: 220 }} />
          </div>
        )}
        <Input aria-label="指标体系名称" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <Space wrap>
          <Select aria-label="考评类型" value={kind} onChange={setKind} options={setKinds.map((k) => ({ value: k, label: setKindLabels[k] }))} />
          <Select aria-label="被考评单位层级" value={level} onChange={setLevel} options={evaluatedLevels.map((l) => ({ value: l, label: evaluatedLevelLabels[l] }))} />
          <Tag color={sum === 100 ? 'success' : 'error'} data-testid="weight-sum">
            权重合计 {sum}
          </Tag>
        </Space>
        {items.map((i, n) => (
          <Card key={n} size="small" data-testid={`edit-${i.key}`}>
            <Space wrap>
              <Input aria-label="指标名称" value={i.name} onChange={(e) => patch(n, { name: e.target.value })} style={{ width: 200 }} />
              <InputNumber aria-label={`${i.name}权重`} min={1} max={100} value={i.weight} onChange={(v) => patch(n, { weight: v ?? 0 })} addonAfter="分" />
              <Tag>{indicatorMethodLabels[i.method]}</Tag>
              {i.rule?.kind === 'target' && (
                <InputNumber aria-label={`${i.name}目标值`} min={1} value={i.rule.target} onChange={(v) => patch(n, { rule: { kind: 'target', target: v ?? 1 } })} addonBefore="目标值" />
              )}
              <Button danger size="small" onClick={() => setItems((xs) => xs.filter((_, k) => k !== n))}>
                删除
              </Button>
            </Space>
            <Input.TextArea aria-label={`${i.name}计分说明`} rows={2} value={i.formula} onChange={(e) => patch(n, { formula: e.target.value })} style={{ marginTop: 6 }} maxLength={300} />
          </Card>
        ))}
        <Button
          onClick={() =>
            setItems((xs) => [...xs, { key: `custom${xs.length + 1}${Date.now() % 1000}`, name: '新指标', weight: 5, method: 'entered', figureKey: null, rule: null, formula: '由被考评单位填报并附佐证材料', evidenceRequired: true }])
          }
        >
          添加填报指标
        </Button>
        <Card size="small" title="考评等次（按总分，满分 100 分）" data-testid="edit-grades">
          {grades.map((g, n) => (
            <Space key={n} wrap style={{ display: 'flex', marginBottom: 6 }}>
              <Input aria-label={`第 ${n + 1} 档等次名称`} value={g.name} onChange={(e) => patchGrade(n, { name: e.target.value })} maxLength={10} style={{ width: 120 }} />
              <InputNumber aria-label={`第 ${n + 1} 档分数线`} min={0} max={100} step={1} value={g.min} onChange={(v) => patchGrade(n, { min: v ?? 0 })} addonBefore="总分 ≥" addonAfter="分" disabled={n === grades.length - 1 && g.min === 0} />
              {grades.length > 1 && n < grades.length - 1 && (
                <Button danger size="small" onClick={() => setGrades((xs) => xs.filter((_, k) => k !== n))}>
                  删除
                </Button>
              )}
            </Space>
          ))}
          {grades.length < 10 && (
            <Button size="small" onClick={() => setGrades((xs) => [...xs.slice(0, -1), { name: '', min: Math.round((xs.at(-2)?.min ?? 100) / 2) }, ...xs.slice(-1)])}>
              添加等次
            </Button>
          )}
          <div className="muted" style={{ marginTop: 6 }}>
            从高到低排列，最低一档的分数线为 0；总分达到某档分数线即为该等次。
          </div>
          {gradeIssues.length > 0 && <Alert type="error" showIcon style={{ marginTop: 6 }} title={gradeIssues.map((p) => p.message).join('；')} data-testid="grade-problems" />}
        </Card>
      </Space>
    </Modal>
  );
}

function SetCard({ s, canReview, onEdit }: { s: IndicatorSetDto; canReview: boolean; onEdit: (s: IndicatorSetDto) => void }) {
  return (
    <div data-testid={`set-${s.id}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag>{setKindLabels[s.kind]}</Tag>
        <Tag>{evaluatedLevelLabels[s.level]}</Tag>
        {s.isDefault ? <Tag color="blue">默认</Tag> : <Tag color="green">{s.orgUnitName}</Tag>}
        {canReview && (
          <Button size="small" onClick={() => onEdit(s)}>
            {s.canEdit ? '修改' : '复制并修改'}
          </Button>
        )}
      </Space>
      <div style={{ marginBottom: 4 }} data-testid={`grades-${s.id}`}>
        <Typography.Text strong>考评等次</Typography.Text> <span className="muted">{bandsText(s.grades)}</span>
      </div>
      {s.indicators.map((i) => (
        <div key={i.key} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Space wrap size={6}>
            <Typography.Text strong>{i.name}</Typography.Text>
            <Tag>{i.weight} 分</Tag>
            <Tag color={i.method === 'figure' ? 'blue' : 'default'}>{indicatorMethodLabels[i.method]}</Tag>
            {i.rule && <span className="muted">{ruleText(i)}</span>}
          </Space>
          <div className="muted">{i.formula}</div>
        </div>
      ))}
    </div>
  );
}

export function SetsPage() {
  const q = useIndicatorSets();
  const canReview = useCan('evaluation:review');
  const [editing, setEditing] = useState<IndicatorSetDto | null>(null);
  return (
    <PageShell title="考评指标体系" subtitle="年度考评与日常考察相结合，区分层级、有所侧重；默认指标体系复制后修改" extra={<EvaluationsNav current="/evaluations/sets" />}>
      {q.isPending ? (
        <Skeleton active />
      ) : !q.data ? (
        <Alert type="error" showIcon title="指标体系加载失败" />
      ) : (
        <Collapse
          items={q.data.items.map((s) => ({ key: s.id, label: `${s.name}（${s.indicators.length} 项）`, children: <SetCard s={s} canReview={canReview} onEdit={setEditing} /> }))}
          defaultActiveKey={q.data.items.length ? [q.data.items[0].id] : []}
        />
      )}
      {editing && <Editor set={editing} onClose={() => setEditing(null)} />}
    </PageShell>
  );
}
