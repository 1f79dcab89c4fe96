// Pieces shared by the summary pages: the status tag, the figures grouped by module, the children's
// summaries with their states, and the half-years to choose from.
import { Link } from 'react-router';
import { Table, Tag, Typography } from 'antd';
import { periodLabel, periodOf } from '../../../shared/rules/periods';
import { figureText, summaryStatusLabels, type FigureGroupDto, type SummaryChildDto, type SummaryStatus } from '../../../shared/schemas/summaries';
import { todayDay } from '../../components/day-picker';

const statusColor: Record<SummaryStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success' };

export function SummaryStatusTag({ status }: { status: SummaryStatus | null }) {
  if (!status) return <Tag>未起草</Tag>;
  return <Tag color={statusColor[status]}>{summaryStatusLabels[status]}</Tag>;
}

export const stamp = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3) : '—');

/** The current half-year and the three before it, newest first. */
export function recentHalfYears(today = todayDay()): { value: string; label: string }[] {
  const out: string[] = [];
  let h = periodOf(today, 'half');
  for (let i = 0; i < 4; i++) {
    out.push(h);
    const [y, n] = [Number(h.slice(0, 4)), h.endsWith('H1') ? 1 : 2];
    h = n === 2 ? `${y}-H1` : `${y - 1}-H2`;
  }
  return out.map((p) => ({ value: p, label: periodLabel(p) }));
}

/** Every figure, one small table per module: the name with its formula below, and the value. */
export function FigureTables({ groups }: { groups: FigureGroupDto[] }) {
  if (!groups.length) return <Typography.Text type="secondary">暂无已登记的统计指标</Typography.Text>;
  return (
    <div className="summary-figures">
      {groups.map((g) => (
        <div key={g.module} className="summary-figure-group" data-testid={`figures-${g.module}`}>
          <Typography.Title level={5} className="summary-figure-title">
            {g.moduleLabel}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={g.figures}
            columns={[
              {
                key: 'label',
                title: '指标',
                render: (_v, f) => (
                  <div>
                    <div>{f.label}</div>
                    <div className="muted summary-formula">{f.formula}</div>
                  </div>
                ),
              },
              { key: 'value', title: '数值', width: 96, align: 'right', render: (_v, f) => <strong>{figureText(f)}</strong> },
            ]}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * The children's summaries of the half-year with their states (a unit without one shows 未起草): a
 * unit's name opens its own page of the half-year (its children in turn), 查看总结 its summary.
 */
export function ChildrenTable({ items, halfYear, print = false }: { items: SummaryChildDto[]; halfYear: string; print?: boolean }) {
  return (
    <Table<SummaryChildDto>
      size="small"
      pagination={false}
      rowKey="orgUnitId"
      dataSource={items}
      data-testid="summary-children"
      columns={[
        { key: 'unit', title: '单位', render: (_v, c) => (print || c.level === 'village' ? c.orgUnitName : <Link to={`/summaries?halfYear=${halfYear}&orgUnitId=${c.orgUnitId}`}>{c.orgUnitName}</Link>) },
        { key: 'status', title: '状态', width: 120, render: (_v, c) => <SummaryStatusTag status={c.summary?.status ?? null} /> },
        { key: 'submittedAt', title: '提交时间', responsive: print ? undefined : ['sm'], render: (_v, c) => stamp(c.summary?.submittedAt) },
        { key: 'acceptedAt', title: '审核通过时间', responsive: print ? undefined : ['md'], render: (_v, c) => stamp(c.summary?.acceptedAt) },
        ...(print ? [] : [{ key: 'open', title: '', width: 90, render: (_v: unknown, c: SummaryChildDto) => (c.summary ? <Link to={`/summaries/${c.summary.id}`}>查看总结</Link> : null) }]),
      ]}
    />
  );
}
