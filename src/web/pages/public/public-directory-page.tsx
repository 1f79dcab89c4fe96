// Public directory: search a center or station by name, or start from the top units.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Empty, Input, Skeleton } from 'antd';
import { usePublicDirectory } from '../../api/public';
import { UnitCard } from './unit-card';

export function PublicDirectoryPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const dir = usePublicDirectory(q);

  const list = q ? (dir.data?.matches ?? []) : (dir.data?.roots ?? []);
  return (
    <>
      <Input.Search
        className="public-search"
        size="large"
        placeholder="输入乡镇、村（社区）名称查找服务站"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
        enterButton="查找"
        aria-label="查找服务中心（站）"
      />
      <div className="public-section-title">{q ? `“${q}”的查找结果` : '服务中心（站）'}</div>
      {dir.isPending ? (
        <Skeleton active />
      ) : dir.isError ? (
        <Alert type="error" showIcon title="加载失败，请稍后再试" description={dir.error.message} />
      ) : list.length === 0 ? (
        <Empty description={q ? '没有找到，请换个名称试试' : '暂无公开信息'} />
      ) : (
        list.map((u) => <UnitCard key={u.id} unit={u} />)
      )}
    </>
  );
}
