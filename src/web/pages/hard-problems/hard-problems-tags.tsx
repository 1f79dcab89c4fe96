// Tags and pickers of the hard-problem pages: a problem's state (with the unit handling it and the
// 逾期 mark), and the registered person picker of the report form.
import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { HardProblemDto } from '../../../shared/schemas/hard-problems';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

const colors: Record<HardProblemDto['status'], string> = { township: 'processing', county: 'blue', city: 'purple', resolved: 'success', withdrawn: 'default' };

export function HardProblemStatusTag({ p }: { p: Pick<HardProblemDto, 'status' | 'statusLabel' | 'atUnitName' | 'overdue'> }) {
  return (
    <>
      <Tag color={colors[p.status]}>
        {p.statusLabel}
        {p.atUnitName ? `（${p.atUnitName}）` : ''}
      </Tag>
      {p.overdue && <Tag color="red">逾期</Tag>}
    </>
  );
}

/** A registered person found by name (optional). */
export function PersonPick(props: { value?: string | null; onChange?: (id: string | null) => void; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'hard-problem-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  return (
    <Select
      id={props.id}
      aria-label="涉及人员"
      allowClear
      value={props.value ?? undefined}
      placeholder="输入姓名查找（可不填）"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到（须为已入库的服务对象）' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      options={options}
    />
  );
}
