// Finds a recipient of the caller's range by name or ID number (the registry's search).
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

export function HonorRecipientSelect(props: { value?: string; onChange?: (id: string | undefined) => void; label: string; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'honors-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10 }, signal), enabled: q.length > 0 });
  const options: { value: string; label: ReactNode }[] = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  return (
    <Select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      placeholder="输入姓名或身份证号查找"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={options}
      style={{ width: '100%' }}
    />
  );
}

/** The Chinese message of a failed request. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : '操作失败，请重试';
}
