// 光荣牌: tabs 待悬挂 / 已悬挂 / 已更换 / 已撤销 / 可申请家庭. Register an eligible household, record
// the hanging (date, who hung it, a photo), replace after a move or damage, revoke with a reason,
// and export the 光荣牌悬挂台账 of the current filter. Before Army Day and Spring Festival a banner
// counts the plaques still waiting.
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Grid, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { festivalsWithin } from '../../../shared/rules/festivals';
import {
  plaqueBasisLabels,
  plaqueBases,
  plaqueGroundLabels,
  plaqueGrounds,
  replaceReasonLabels,
  revokeReasonLabels,
  type EligibleHousehold,
  type PlaqueDto,
  type PlaqueStatus,
} from '../../../shared/schemas/glory-plaques';
import { plaqueApi, plaqueKeys } from '../../api/glory-plaques';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { PlaqueDetailDrawer } from './plaque-detail-drawer';
import { PlaqueFormModal, type FormTarget } from './plaque-forms';
import { GroundTags } from './plaque-tags';
import './glory-plaques.css';

type TabKey = PlaqueStatus | 'eligible';
const TABS: { key: TabKey; label: string }[] = [
  { key: 'waiting', label: '待悬挂' },
  { key: 'hung', label: '已悬挂' },
  { key: 'replaced', label: '已更换' },
  { key: 'revoked', label: '已撤销' },
  { key: 'eligible', label: '可申请家庭' },
];

const unitFilter: RecordFilter = {
  kind: 'custom',
  name: 'orgUnitId',
  label: '所属单位',
  render: (value, onChange) => (
    <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 240, maxWidth: '100%' }} aria-label="所属单位" />
  ),
};
const plaqueFilters: RecordFilter[] = [
  unitFilter,
  { kind: 'select', name: 'ground', label: '悬挂依据', options: plaqueGrounds.map((g) => ({ value: g, label: plaqueGroundLabels[g] })), width: 170 },
  { kind: 'select', name: 'basis', label: '登记方式', options: plaqueBases.map((b) => ({ value: b, label: plaqueBasisLabels[b] })), width: 170 },
];
const eligibleFilters: RecordFilter[] = [
  unitFilter,
  {
    kind: 'select',
    name: 'certified',
    label: '持证情况',
    options: [
      { value: 'true', label: '持证家庭（无需申请）' },
      { value: 'false', label: '全部' },
    ],
    width: 190,
  },
];

/** The household in one cell: the head's name, the address below (what a phone shows). */
function HouseholdCell({ r, onOpen, extra }: { r: { headName: string; address: string; villageName: string }; onOpen?: () => void; extra?: ReactNode }) {
  return (
    <div className="plaque-household">
      {onOpen ? (
        <Typography.Link onClick={onOpen} strong>
          {r.headName || '（未指定户主）'}
        </Typography.Link>
      ) : (
        <Typography.Text strong>{r.headName || '（未指定户主）'}</Typography.Text>
      )}
      <div className="plaque-household-address">
        <span className="plaque-household-village">{r.villageName}</span>
        {r.address && ` ${r.address}`}
      </div>
      {extra && <div className="plaque-household-extra">{extra}</div>}
    </div>
  );
}

function ExportButton({ params, label = '导出台账' }: { params: RecordParams; label?: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={plaqueApi.ledgerUrl(params)} download>
      {label}
    </Button>
  );
}

/** On a phone the date that matters in the tab, under the household. */
function phoneLine(r: PlaqueDto): string {
  switch (r.status) {
    case 'waiting':
      return r.appliedOn ? `申请 ${r.appliedOn}` : '持证，无需申请';
    case 'hung':
      return `悬挂 ${r.hungOn ?? ''}`;
    case 'replaced':
      return `更换 ${r.replacedOn ?? ''}（${r.replaceReason ? replaceReasonLabels[r.replaceReason] : ''}）`;
    case 'revoked':
      return `撤销 ${r.revokedOn ?? ''}（${r.revokeReason ? revokeReasonLabels[r.revokeReason] : ''}）`;
  }
}

/** Before Army Day and Spring Festival: how many plaques are still waiting. */
function FestivalBanner() {
  const festival = festivalsWithin(dayjs().format('YYYY-MM-DD'), ['armyDay', 'springFestival'], 30)[0];
  const waiting = useQuery({
    queryKey: [...plaqueKeys.list('waiting'), 'count'],
    queryFn: ({ signal }) => plaqueApi.list({ status: 'waiting', pageSize: 1 }, signal),
    enabled: !!festival,
  });
  if (!festival || !waiting.data || waiting.data.total === 0) return null;
  const days = festival.daysLeft === 0 ? `今天是${festival.label}` : `距${festival.label}（${festival.day}）还有 ${festival.daysLeft} 天`;
  return (
    <Alert
      type="warning"
      showIcon
      className="plaque-banner"
      title={`${days}，尚有 ${waiting.data.totalCapped ? `${waiting.data.total}+` : waiting.data.total} 户光荣牌待悬挂`}
    />
  );
}

export function GloryPlaquesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = (TABS.some((t) => t.key === searchParams.get('tab')) ? searchParams.get('tab') : 'waiting') as TabKey;
  const openId = searchParams.get('plaque') ?? undefined;
  const canWrite = useCan('plaques:write');
  const canReview = useCan('plaques:review');
  const [target, setTarget] = useState<FormTarget | null>(null);
  // on a phone the grounds go under the household, so the actions stay on screen
  const narrow = !Grid.useBreakpoint().sm;

  function setParam(name: string, value: string | undefined): void {
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name === 'plaque' ? false : true },
    );
  }
  const open = (id: string) => setParam('plaque', id);

  const plaqueColumns: RecordColumn<PlaqueDto>[] = (() => {
    const cols: RecordColumn<PlaqueDto>[] = [
      {
        key: 'household',
        title: '户主 / 家庭住址',
        fixedShown: true,
        render: (_v, r) => (
          <HouseholdCell
            r={r}
            onOpen={() => open(r.id)}
            extra={
              narrow && (
                <>
                  <GroundTags grounds={r.grounds} certificate={r.basis === 'certificate'} />
                  <div className="plaque-household-address">{phoneLine(r)}</div>
                </>
              )
            }
          />
        ),
      },
      { key: 'village', title: '所属村(社区)', dataIndex: 'villageName', responsive: ['lg'], defaultHidden: true },
      { key: 'grounds', title: '悬挂依据', responsive: ['sm'], render: (_v, r) => <GroundTags grounds={r.grounds} certificate={r.basis === 'certificate'} /> },
      { key: 'appliedOn', title: '申请日期', dataIndex: 'appliedOn', responsive: ['md'], render: (v: string | null) => v ?? <span className="muted">持证</span> },
    ];
    if (tab !== 'waiting') {
      cols.push(
        { key: 'hungOn', title: '悬挂日期', dataIndex: 'hungOn', responsive: ['md'], render: (v: string | null) => v ?? <span className="muted">—</span> },
        { key: 'hungBy', title: '悬挂人', dataIndex: 'hungBy', responsive: ['md'] },
      );
    }
    if (tab === 'replaced') {
      cols.push({
        key: 'replaced',
        title: '更换',
        responsive: ['sm'],
        render: (_v, r) => `${r.replacedOn ?? ''} ${r.replaceReason ? replaceReasonLabels[r.replaceReason] : ''}${r.replaceCount > 1 ? `（${r.replaceCount}次）` : ''}`,
      });
    }
    if (tab === 'revoked') {
      cols.push({
        key: 'revoked',
        title: '撤销',
        responsive: ['sm'],
        render: (_v, r) => `${r.revokedOn ?? ''} ${r.revokeReason ? revokeReasonLabels[r.revokeReason] : ''}${r.revokeNote ? `：${r.revokeNote}` : ''}`,
      });
    }
    cols.push({
      key: 'actions',
      title: '操作',
      fixedShown: true,
      render: (_v, r) => (
        <Space size={4} wrap className="plaque-actions">
          {canWrite && r.status === 'waiting' && (
            <Button type="primary" size="small" onClick={() => setTarget({ kind: 'hang', plaque: r })}>
              登记悬挂
            </Button>
          )}
          {canWrite && (r.status === 'hung' || r.status === 'replaced') && (
            <Button size="small" onClick={() => setTarget({ kind: 'replace', plaque: r })}>
              更换
            </Button>
          )}
          {canReview && r.status !== 'revoked' && (
            <Button size="small" danger onClick={() => setTarget({ kind: 'revoke', plaque: r })}>
              撤销
            </Button>
          )}
          {!canWrite && (
            <Typography.Link onClick={() => open(r.id)}>详情</Typography.Link>
          )}
        </Space>
      ),
    });
    return cols;
  })();

  const eligibleColumns: RecordColumn<EligibleHousehold>[] = [
    {
      key: 'household',
      title: '户主 / 家庭住址',
      fixedShown: true,
      render: (_v, r) => <HouseholdCell r={r} extra={narrow && <GroundTags grounds={r.grounds} certificate={r.certificateHolder} />} />,
    },
    { key: 'grounds', title: '悬挂依据', responsive: ['sm'], render: (_v, r) => <GroundTags grounds={r.grounds} certificate={r.certificateHolder} /> },
    {
      key: 'members',
      title: '家庭成员',
      responsive: ['md'],
      render: (_v, r) => r.members.map((m) => m.name).join('、'),
    },
    {
      key: 'actions',
      title: '操作',
      fixedShown: true,
      render: (_v, r) =>
        canWrite ? (
          <Button type="primary" size="small" onClick={() => setTarget({ kind: 'register', household: r })}>
            {r.certificateHolder ? '登记' : '登记申请'}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageShell
      title="光荣牌"
      subtitle="一户一牌：持证家庭无需申请，其他家庭凭申请登记；县级会同人武部在八一、春节前集中悬挂"
      extra={<ExportButton params={{}} label="导出全部台账" />}
    >
      <FestivalBanner />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearchParams({ tab: k }, { replace: true })}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
        tabBarGutter={narrow ? 14 : 28}
        className="plaque-tabs"
      />
      {tab === 'eligible' ? (
        <>
          <Typography.Paragraph type="secondary" className="plaque-hint">
            本辖区内有已入库、在世的烈士（因公牺牲、病故军人）遗属、现役军人家属或退役军人，且尚未登记光荣牌的家庭户。
          </Typography.Paragraph>
          <RecordTable<EligibleHousehold>
            key="eligible"
            queryKey={plaqueKeys.eligible}
            fetchPage={plaqueApi.eligible}
            columns={eligibleColumns}
            rowKey="householdId"
            filters={eligibleFilters}
            storageKey="glory-plaques-eligible"
            emptyText="暂无待登记的家庭"
          />
        </>
      ) : (
        <RecordTable<PlaqueDto>
          key={tab}
          queryKey={plaqueKeys.list(tab)}
          fetchPage={(params, signal) => plaqueApi.list({ ...params, status: tab }, signal)}
          columns={plaqueColumns}
          rowKey="id"
          filters={plaqueFilters}
          storageKey={`glory-plaques-${tab}`}
          ledger="光荣牌悬挂台账"
          exportSlot={(params) => <ExportButton params={{ ...params, status: tab }} />}
          emptyText={tab === 'waiting' ? '暂无待悬挂的光荣牌' : '暂无记录'}
        />
      )}
      <Flex className="plaque-footnote">
        <Typography.Text type="secondary">导出的台账按当前筛选，含户主、所属村(社区)、住址、依据、日期、悬挂人与状态。</Typography.Text>
      </Flex>
      <PlaqueFormModal target={target} onClose={() => setTarget(null)} />
      <PlaqueDetailDrawer id={openId} onClose={() => setParam('plaque', undefined)} />
    </PageShell>
  );
}
