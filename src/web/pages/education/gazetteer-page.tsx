// 重大庆典与地方志人选: the registry's people of the range named by RULES.md (二等功及以上, 参战,
// 省部级或战区级及以上表彰) with their latest recommendation; 推荐 starts one from the list.
import { Link } from 'react-router';
import { Button, Typography } from 'antd';
import { exemplarStatusLabels, gazetteerGroundLabels, type GazetteerPersonDto } from '../../../shared/schemas/education';
import { educationApi } from '../../api/education';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';

const filters: RecordFilter[] = [{ kind: 'text', name: 'name', label: '姓名', placeholder: '姓名', width: 120, live: true }];

export function GazetteerPage() {
  const canWrite = useCan('education:write');
  const columns: RecordColumn<GazetteerPersonDto>[] = [
    {
      key: 'person',
      title: '姓名 / 依据',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/recipients/${r.recipientId}`}>
            <Typography.Text strong>{r.name}</Typography.Text>
          </Link>
          <span className="muted"> {r.orgUnitName}</span>
          <div className="muted">{r.grounds.map((g) => gazetteerGroundLabels[g]).join('、')}</div>
        </div>
      ),
    },
    {
      key: 'exemplar',
      title: '典型推荐',
      render: (_v, r) =>
        r.exemplarId ? (
          <Link to={`/education/exemplars/${r.exemplarId}`}>{r.exemplarStatus ? exemplarStatusLabels[r.exemplarStatus] : '查看'}</Link>
        ) : canWrite ? (
          <Link to={`/education/exemplars/new?${new URLSearchParams({ recipient: r.recipientId, name: r.name }).toString()}`}>
            <Button size="small">推荐</Button>
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <PageShell title="重大庆典与地方志人选" subtitle="在部队荣立二等功及以上、参战退役军人、获省部级或战区级及以上表彰者，推荐参加地方重大庆典活动，写入地方志">
      <RecordTable<GazetteerPersonDto>
          queryKey={['education', 'gazetteer']}
          fetchPage={(params, signal) => educationApi.gazetteer(params, signal)}
          columns={columns}
          rowKey="recipientId"
          filters={filters}
          storageKey="education-gazetteer"
          emptyText="本辖区暂无符合条件的人员"
        />
    </PageShell>
  );
}
