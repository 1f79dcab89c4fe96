// Picks registered people of the caller's range by name (never a free-text name: SPEC §2).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

type Props = { value?: string[] | string; onChange?: (v: string[] | string) => void; multiple?: boolean; ariaLabel: string; initial?: { id: string; name: string }[] };

export function RecipientSearch({ value, onChange, multiple, ariaLabel, initial = [] }: Props) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'list', { q: term, pageSize: 20, status: 'registered', purpose: 'ventures' }],
    queryFn: ({ signal }) => recipientApi.list({ q: term, pageSize: 20, status: 'registered' }, signal),
    enabled: term.length >= 1,
  });
  const [known, setKnown] = useState(new Map(initial.map((p) => [p.id, p.name])));
  const options = [
    ...[...known].map(([id, name]) => ({ value: id, label: name })),
    ...(found.data?.items ?? []).filter((r) => !known.has(r.id)).map((r) => ({ value: r.id, label: `${r.name}（${r.age}岁 · ${r.orgUnitName}）` })),
  ];
  return (
    <Select
      aria-label={ariaLabel}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v: string[] | string) => {
        const ids = Array.isArray(v) ? v : [v];
        const next = new Map(known);
        for (const id of ids) {
          const r = found.data?.items.find((x) => x.id === id);
          if (r) next.set(id, r.name);
        }
        setKnown(next);
        onChange?.(v);
      }}
      options={options}
      loading={found.isFetching}
      placeholder="输入姓名查找本辖区已入库人员"
      notFoundContent={term ? '没有找到' : '输入姓名查找'}
    />
  );
}
