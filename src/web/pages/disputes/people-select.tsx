// Picks the responsible person or the leader among the staff who can see a dispute of the unit.
import { Select } from 'antd';
import { useAssignees } from '../../api/disputes';

type Props = { orgUnitId?: string; value?: string | null; onChange?: (v: string | null) => void; allowClear?: boolean; placeholder?: string; id?: string; 'aria-label'?: string };

export function PeopleSelect(props: Props) {
  const q = useAssignees(props.orgUnitId);
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      allowClear={props.allowClear}
      placeholder={props.orgUnitId ? props.placeholder : '请先选择所属单位'}
      loading={q.isLoading}
      disabled={!props.orgUnitId}
      showSearch={{ optionFilterProp: 'label' }}
      options={(q.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.unitName}${a.title ? ` ${a.title}` : ''}）` }))}
    />
  );
}
