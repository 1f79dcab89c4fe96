// Picks veterans of the caller's range by name (several at once), for enrolment and registration.
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

type Props = { value?: string[]; onChange?: (ids: string[]) => void; id?: string };

export function PeopleSelect(props: Props) {
  const [search, setSearch] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'trainings-search', q],
    queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal),
    enabled: q.length > 0,
  });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  const chosen = (props.value ?? []).filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: labels[id] ?? id }));
  return (
    <Select
      id={props.id}
      mode="multiple"
      aria-label="选择人员"
      value={props.value ?? []}
      placeholder="输入姓名查找本辖区退役军人"
      style={{ width: '100%', minWidth: 0 }}
      maxTagTextLength={14}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到' : '输入姓名查找'}
      onChange={(ids: string[]) => {
        setLabels((l) => ({ ...l, ...Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        props.onChange?.(ids);
      }}
      options={[...chosen, ...options]}
    />
  );
}
