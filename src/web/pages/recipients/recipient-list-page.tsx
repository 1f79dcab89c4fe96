// 服务对象: find anyone of the user's jurisdiction by one or two characters of the name (pinyin
// initials too), ID number or phone, and filter by unit, status, group, category and more. On a
// phone (< 576 px) the rows are cards, the name is searched as it is typed and the other filters
// wait behind 筛选; each card opens the person, and 记录走访 is one tap from it.
import { Link, useNavigate } from 'react-router';
import { Button, Tag } from 'antd';
import { PlusOutlined, UsergroupDeleteOutlined } from '@ant-design/icons';
import {
  careCategoryLabels,
  homeServiceReasonLabels,
  dischargeTypeLabels,
  employmentStatusLabels,
  recipientGroupLabels,
  recipientKindLabels,
  recipientStatusLabels,
  type RecipientListItem,
  recipientFieldLabels,
} from '../../../shared/schemas/recipients';
import { recipientApi, recipientKeys } from '../../api/recipients';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';
import { LedgerExportButton } from '../../components/ledger-export-button';
import { HomeServiceTag, RecipientStatusTag, disabilityGradeOptions, genderLabels, gradeLabel, optionsOf } from './recipient-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '姓名', placeholder: '姓名（一两个字或拼音首字母）', width: 240, live: true, phonePlaceholder: '姓名或拼音首字母' },
  { kind: 'text', name: 'idNumber', label: '身份证号', placeholder: '公民身份号码', width: 220 },
  { kind: 'text', name: 'phone', label: '电话', placeholder: '联系电话', width: 180 },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => (
      <OrgUnitSelect
        value={value}
        onChange={(id) => onChange(id)}
        allowClear
        placeholder="所属单位（含下级）"
        style={{ width: 240 }}
        aria-label="所属单位"
      />
    ),
  },
  { kind: 'select', name: 'status', label: '状态', options: optionsOf(recipientStatusLabels), width: 140 },
  { kind: 'select', name: 'kind', label: '对象类型', options: optionsOf(recipientKindLabels), advanced: true },
  { kind: 'select', name: 'group', label: '人员类别', options: optionsOf(recipientGroupLabels), width: 220, advanced: true },
  { kind: 'select', name: 'care', label: '优抚类别', options: optionsOf(careCategoryLabels), width: 220, advanced: true },
  {
    kind: 'select',
    name: 'homeService',
    label: '上门服务对象',
    options: [{ value: 'any', label: '全部上门服务对象' }, ...optionsOf(homeServiceReasonLabels)],
    width: 180,
    advanced: true,
  },
  {
    kind: 'select',
    name: 'priorityCare',
    label: '重点优抚对象',
    options: [
      { value: 'true', label: '是重点优抚对象' },
      { value: 'false', label: '非重点优抚对象' },
    ],
    advanced: true,
  },
  { kind: 'select', name: 'dischargeType', label: '退役方式', options: optionsOf(dischargeTypeLabels), advanced: true },
  { kind: 'select', name: 'employment', label: recipientFieldLabels.employmentStatus, options: optionsOf(employmentStatusLabels), advanced: true },
  {
    kind: 'select',
    name: 'disabilityGrade',
    label: '伤残等级',
    options: disabilityGradeOptions.map((o) => ({ value: String(o.value), label: o.label })),
    width: 120,
    advanced: true,
  },
  { kind: 'numberRange', from: 'ageMin', to: 'ageMax', label: '年龄', min: 0, max: 130, unit: '岁', advanced: true },
  {
    kind: 'select',
    name: 'deceased',
    label: '是否在世',
    options: [
      { value: 'false', label: '在世' },
      { value: 'true', label: '已去世' },
    ],
    width: 120,
    advanced: true,
  },
];

const columns: RecordColumn<RecipientListItem>[] = [
  {
    key: 'name',
    title: '姓名',
    fixedShown: true,
    sortKey: 'name',
    sortDirections: ['ascend'],
    render: (_v, r) => (
      <Link to={`/recipients/${r.id}`} className="recipient-name-link">
        {r.name}
      </Link>
    ),
  },
  { key: 'gender', title: '性别', dataIndex: 'gender', render: (g: RecipientListItem['gender']) => genderLabels[g] },
  { key: 'birthDate', title: '出生日期', dataIndex: 'birthDate', sortKey: 'birthDate', defaultHidden: true },
  { key: 'age', title: '年龄', dataIndex: 'age', render: (a: number) => `${a} 岁` },
  {
    key: 'idNumber',
    title: '身份证号',
    dataIndex: 'idNumberMasked',
    render: (v: string) => <span className="mono">{v}</span>,
  },
  {
    key: 'phone',
    title: '联系电话',
    dataIndex: 'phoneMasked',
    render: (v: string | null) => (v ? <span className="mono">{v}</span> : <span className="muted">—</span>),
  },
  { key: 'orgUnitName', title: '所属单位', dataIndex: 'orgUnitName', sortKey: 'unit', sortDirections: ['ascend'] },
  {
    key: 'kind',
    title: '对象类型',
    dataIndex: 'kind',
    render: (k: RecipientListItem['kind']) => recipientKindLabels[k],
    defaultHidden: true,
  },
  {
    key: 'recipientGroup',
    title: '人员类别',
    dataIndex: 'recipientGroup',
    render: (g: RecipientListItem['recipientGroup']) => recipientGroupLabels[g],
  },
  {
    key: 'careCategories',
    title: '优抚类别',
    dataIndex: 'careCategories',
    render: (cs: RecipientListItem['careCategories']) =>
      cs.length === 0 ? (
        <span className="muted">—</span>
      ) : (
        cs.map((c) => (
          <Tag key={c} color="volcano" style={{ marginBottom: 2 }}>
            {careCategoryLabels[c]}
          </Tag>
        ))
      ),
  },
  {
    key: 'homeService',
    title: '上门服务',
    dataIndex: 'homeService',
    render: (rs: RecipientListItem['homeService']) => (rs.length === 0 ? <span className="muted">—</span> : <HomeServiceTag reasons={rs} />),
    defaultHidden: true,
  },
  {
    key: 'dischargeType',
    title: '退役方式',
    dataIndex: 'dischargeType',
    render: (v: RecipientListItem['dischargeType']) => (v ? dischargeTypeLabels[v] : '—'),
    defaultHidden: true,
  },
  {
    key: 'employmentStatus',
    title: recipientFieldLabels.employmentStatus,
    dataIndex: 'employmentStatus',
    render: (v: RecipientListItem['employmentStatus']) => (v ? employmentStatusLabels[v] : '—'),
    defaultHidden: true,
  },
  {
    key: 'disabilityGrade',
    title: '伤残等级',
    dataIndex: 'disabilityGrade',
    render: (v: number | null) => gradeLabel(v) || '—',
    defaultHidden: true,
  },
  {
    key: 'situationsFilled',
    title: '七个状况',
    dataIndex: 'situationsFilled',
    render: (n: number) => <span className={n < 7 ? 'muted' : undefined}>{n}/7</span>,
    defaultHidden: true,
  },
  {
    key: 'status',
    title: '状态',
    render: (_v, r) => <RecipientStatusTag status={r.status} deceased={r.deceased} />,
  },
];

/** A row as a card on a phone: the person, what they are, where; 记录走访 one tap away. */
function RecipientCard({ r, canVisit }: { r: RecipientListItem; canVisit: boolean }) {
  const navigate = useNavigate();
  return (
    <div
      className="recipient-card"
      data-testid="recipient-card"
      // the whole card opens the person (the name's link and the button do their own)
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a, button')) navigate(`/recipients/${r.id}`);
      }}
    >
      <div className="recipient-card-head">
        <Link to={`/recipients/${r.id}`} className="recipient-name-link recipient-card-name">
          {r.name}
        </Link>
        <RecipientStatusTag status={r.status} deceased={r.deceased} />
      </div>
      <div className="recipient-card-line">
        {genderLabels[r.gender]} · {r.age} 岁 · {recipientGroupLabels[r.recipientGroup]}
      </div>
      {r.homeService.length > 0 && (
        <div className="recipient-card-line">
          <HomeServiceTag reasons={r.homeService} />
        </div>
      )}
      {r.careCategories.length > 0 && (
        <div className="recipient-card-line">
          {r.careCategories.map((c) => (
            <Tag key={c} color="volcano">
              {careCategoryLabels[c]}
            </Tag>
          ))}
        </div>
      )}
      <div className="recipient-card-foot">
        <span className="muted recipient-card-unit">
          {r.orgUnitName}
          <br />
          <span className="mono">{r.idNumberMasked}</span>
          {r.phoneMasked && <span className="mono"> · {r.phoneMasked}</span>}
        </span>
        {canVisit && r.status === 'registered' && !r.deceased && (
          <Button size="small" type="primary" ghost onClick={() => navigate(`/visits/new?recipient=${encodeURIComponent(r.id)}`)} aria-label={`记录走访 ${r.name}`}>
            记录走访
          </Button>
        )}
      </div>
    </div>
  );
}

export function RecipientListPage() {
  const canWrite = useCan('registry:write');
  const canReview = useCan('registry:review');
  const canVisit = useCan('visits:write');
  const navigate = useNavigate();
  return (
    <PageShell title="服务对象">
      <RecordTable<RecipientListItem>
        queryKey={recipientKeys.list}
        fetchPage={recipientApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="recipients"
        ledger="退役军人信息台账"
        exportSlot={(params) => <LedgerExportButton params={params} />}
        emptyText="没有符合条件的服务对象"
        cardRender={(r) => <RecipientCard r={r} canVisit={canVisit} />}
        toolbar={
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/recipients/new')}>
                新建采集
              </Button>
            )}
            {canReview && (
              <Button icon={<UsergroupDeleteOutlined />} onClick={() => navigate('/recipients/duplicates')}>
                疑似重复
              </Button>
            )}
          </>
        }
      />
    </PageShell>
  );
}
