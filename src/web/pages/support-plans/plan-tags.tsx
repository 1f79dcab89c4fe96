// Small pieces shared by the support-plan pages: the status tag with the review marks, the staff picker.
import { Select, Tag } from 'antd';
import { supportPlanStatusLabels, type SupportPlanDto } from '../../../shared/schemas/support-plans';
import { usePlanAssignees } from '../../api/support-plans';

export function PlanStatusTag({ p }: { p: Pick<SupportPlanDto, 'status' | 'overdue' | 'dueSoon'> }) {
  if (p.status === 'closed') return <Tag color="green">{supportPlanStatusLabels.closed}</Tag>;
  if (p.overdue) return <Tag color="red">评估已超期</Tag>;
  if (p.dueSoon) return <Tag color="gold">临近评估</Tag>;
  return <Tag color="processing">{supportPlanStatusLabels.active}</Tag>;
}

type PeopleProps = { orgUnitId?: string; value?: string | null; onChange?: (v: string | null) => void; placeholder?: string; id?: string; 'aria-label'?: string; style?: React.CSSProperties };

/** The staff who can be responsible for a plan of the unit, or own one of its measures (the unit or above, in range). */
export function PlanPeopleSelect(props: PeopleProps) {
  const q = usePlanAssignees(props.orgUnitId);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      style={props.style}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      placeholder={props.orgUnitId ? props.placeholder : '请先选择制定单位'}
      loading={q.isLoading}
      disabled={!props.orgUnitId}
      showSearch={{ optionFilterProp: 'label' }}
      options={(q.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.unitName}${a.title ? ` ${a.title}` : ''}）` }))}
    />
  );
}
