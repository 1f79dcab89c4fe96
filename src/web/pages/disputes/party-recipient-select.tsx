// Links a party to a registry recipient: type a name, pick the person (their unit shown).
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

type Props = { value?: string | null; onChange?: (id: string | null, name?: string) => void; id?: string };

export function PartyRecipientSelect(props: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'party-search', q],
    queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10 }, signal),
    enabled: q.length > 0,
  });
  return (
    <Select
      id={props.id}
      aria-label="关联服务对象"
      value={props.value ?? undefined}
      allowClear
      placeholder="关联服务对象（可选，输入姓名查找）"
      style={{ minWidth: 220, flex: 1 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到' : '输入姓名查找'}
      onChange={(v: string | undefined, opt) => props.onChange?.(v ?? null, Array.isArray(opt) ? undefined : (opt as { name?: string } | undefined)?.name)}
      options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）`, name: r.name }))}
    />
  );
}
