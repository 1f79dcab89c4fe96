// Small pieces shared by the legal-aid pages: the status tag with the acknowledgement's marks, the recipient picker.
import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { legalAidStatusLabels, type LegalAidDto } from '../../../shared/schemas/legal-aid';
import { recipientApi } from '../../api/recipients';
import { useDebounced } from '../../components/use-debounced';

export function LegalAidStatusTag({ c }: { c: Pick<LegalAidDto, 'status' | 'ackOverdue' | 'ackDueSoon'> }) {
  if (c.status === 'closed') return <Tag color="green">{legalAidStatusLabels.closed}</Tag>;
  if (c.ackOverdue) return <Tag color="red">回执已超期</Tag>;
  if (c.ackDueSoon) return <Tag color="gold">待回执（临近期限）</Tag>;
  if (c.status === 'registered') return <Tag color="blue">{legalAidStatusLabels.registered}</Tag>;
  return <Tag color="processing">{legalAidStatusLabels[c.status]}</Tag>;
}

/** Finds a registry recipient by name (never a free-text name). */
export function RecipientPick(props: { value?: string | null; onChange?: (id: string | null) => void; initial?: { id: string; name: string } | null; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'legal-aid-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  if (props.initial && !options.some((o) => o.value === props.initial!.id)) options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      id={props.id}
      aria-label="申请人"
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
