// Small pieces shared by the rights pages: the status tag with the due marks, the recipient picker.
import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { rightsStatusLabels, type RightsListItem } from '../../../shared/schemas/rights';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

export function RightsStatusTag({ c }: { c: Pick<RightsListItem, 'status' | 'overdue' | 'dueSoon' | 'onTime'> }) {
  if (c.status === 'closed') return <Tag color={c.onTime === false ? 'orange' : 'green'}>{rightsStatusLabels.closed}{c.onTime === false ? '（超期）' : ''}</Tag>;
  if (c.status === 'explained') return <Tag color="cyan">{rightsStatusLabels.explained}</Tag>;
  if (c.overdue) return <Tag color="red">{rightsStatusLabels[c.status]} · 逾期</Tag>;
  if (c.dueSoon) return <Tag color="gold">{rightsStatusLabels[c.status]} · 临近期限</Tag>;
  return <Tag color={c.status === 'verifying' ? 'blue' : 'processing'}>{rightsStatusLabels[c.status]}</Tag>;
}

/** Finds a registry recipient by name (never a free-text name). */
export function RecipientPick(props: { value?: string | null; onChange?: (id: string | null) => void; initial?: { id: string; name: string } | null; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'rights-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  if (props.initial && !options.some((o) => o.value === props.initial!.id)) options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      id={props.id}
      aria-label="服务对象"
      value={props.value ?? undefined}
      placeholder="输入姓名查找服务对象"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到（须为已入库的服务对象）' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      options={options}
    />
  );
}
