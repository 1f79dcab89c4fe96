// 志愿服务队及示范岗 (§17): the volunteer teams and model posts of the range; a new one under a unit of
// the range with members found by name among the registered people.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { volunteerFieldLabels, volunteerFields, volunteerTeamInput, volunteerTeamKindLabels, volunteerTeamKinds, volunteerTeamUpdate, type VolunteerTeamDetail, type VolunteerTeamDto } from '../../../shared/schemas/party-life';
import { partyLifeApi, partyLifeKeys, useCreateTeam, useUpdateTeam } from '../../api/party-life';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { useQuery } from '@tanstack/react-query';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="单位" />,
  },
  { kind: 'select', name: 'kind', label: '类别', options: volunteerTeamKinds.map((k) => ({ value: k, label: volunteerTeamKindLabels[k] })), width: 150 },
];

/** Members by name: registered people of the caller's range. */
function PeopleSelect({ value, onChange, known }: { value?: string[]; onChange?: (v: string[]) => void; known: Map<string, string> }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const found = useQuery({ queryKey: ['party', 'people', q], queryFn: ({ signal }) => partyLifeApi.searchPeople(q, signal), enabled: q.length >= 1 });
  for (const p of found.data?.items ?? []) known.set(p.id, `${p.name}（${p.orgUnitName}）`);
  const options = [...new Set([...(value ?? []), ...(found.data?.items ?? []).map((p) => p.id)])].map((id) => ({ value: id, label: known.get(id) ?? id }));
  return <Select mode="multiple" aria-label="成员" value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: setText }} options={options} placeholder="输入姓名查找" loading={found.isFetching} />;
}

/** 新增 (no `team`) or 修改 a team: its facts, members (by name), leader and, when changing, 启用/停用. */
export function TeamModal({ team, onClose }: { team?: VolunteerTeamDetail; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const create = useCreateTeam();
  const update = useUpdateTeam(team?.id ?? '');
  const [known] = useState(() => new Map<string, string>((team?.members ?? []).map((x) => [x.recipientId, `${x.name}（${x.orgUnitName}）`])));
  const memberIds = (Form.useWatch('memberIds', form) as string[] | undefined) ?? [];
  const submit = async () => {
    const raw = form.getFieldsValue(true) as Record<string, unknown>;
    const fields = { ...raw, leaderId: raw.leaderId ?? null, foundedOn: raw.foundedOn ?? null };
    try {
      if (team) {
        const body = parseWithSchema(form, volunteerTeamUpdate, { ...fields, version: team.version });
        if (!body) return;
        await update.mutateAsync(body);
        void message.success('已保存');
      } else {
        const body = parseWithSchema(form, volunteerTeamInput, fields);
        if (!body) return;
        await create.mutateAsync(body);
        void message.success('已新增');
      }
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title={team ? `修改${volunteerTeamKindLabels[team.kind]}` : '新增志愿服务队或示范岗'} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          team
            ? { kind: team.kind, name: team.name, field: team.field, leaderId: team.leaderId, foundedOn: team.foundedOn, description: team.description, memberIds: team.members.map((x) => x.recipientId), active: team.active }
            : { orgUnitId: me.orgUnit.id, kind: 'team', name: '', field: 'emergency', leaderId: null, foundedOn: todayDay(), description: '', memberIds: [] }
        }
      >
        {!team && (
          <Form.Item name="orgUnitId" label="所属单位">
            <OrgUnitSelect aria-label="所属单位" />
          </Form.Item>
        )}
        <Form.Item name="kind" label="类别">
          <Select aria-label="类别" options={volunteerTeamKinds.map((k) => ({ value: k, label: volunteerTeamKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} aria-label="名称" />
        </Form.Item>
        <Form.Item name="field" label="服务领域">
          <Select aria-label="服务领域" options={volunteerFields.map((k) => ({ value: k, label: volunteerFieldLabels[k] }))} />
        </Form.Item>
        <Form.Item name="foundedOn" label="成立日期">
          <DayPicker aria-label="成立日期" maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="memberIds" label="成员">
          <PeopleSelect known={known} />
        </Form.Item>
        <Form.Item name="leaderId" label="负责人">
          <Select aria-label="负责人" allowClear options={memberIds.map((id) => ({ value: id, label: known.get(id) ?? id }))} placeholder="从成员中选择" />
        </Form.Item>
        <Form.Item name="description" label="简介">
          <Input.TextArea rows={2} maxLength={1000} aria-label="简介" />
        </Form.Item>
        {team && (
          <Form.Item name="active" label="状态">
            <Radio.Group aria-label="状态" options={[{ value: true, label: '启用' }, { value: false, label: '停用' }]} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function TeamsPage() {
  const canWrite = useCan('party:write');
  const [adding, setAdding] = useState(false);
  const columns: RecordColumn<VolunteerTeamDto>[] = [
    {
      key: 'name',
      title: '名称',
      fixedShown: true,
      render: (_v, t) => (
        <div>
          <Link to={`/party/teams/${t.id}`}>
            <Typography.Text strong>{t.name}</Typography.Text>
          </Link>
          <div>
            <Tag color={t.kind === 'team' ? 'blue' : 'purple'}>{volunteerTeamKindLabels[t.kind]}</Tag>
            <Tag>{volunteerFieldLabels[t.field]}</Tag>
            {!t.active && <Tag>已停用</Tag>}
          </div>
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'leader', title: '负责人', responsive: ['sm'], render: (_v, t) => t.leaderName ?? '—' },
    { key: 'members', title: '成员', dataIndex: 'memberCount' },
    { key: 'activities', title: '活动 / 人·小时', responsive: ['sm'], render: (_v, t) => `${t.activityCount} / ${t.personHours}` },
  ];
  return (
    <PageShell
      title="志愿服务队及示范岗"
      subtitle="组织退役军人通过志愿服务队、模范示范岗等方式发挥示范带动作用（第十七条）"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增
          </Button>
        )
      }
    >
      <RecordTable<VolunteerTeamDto>
        queryKey={partyLifeKeys.teams}
        fetchPage={partyLifeApi.teams}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="volunteer-teams"
        ledger="志愿服务队及示范岗台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={partyLifeApi.teamsLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无志愿服务队或示范岗"
      />
      {adding && <TeamModal onClose={() => setAdding(false)} />}
    </PageShell>
  );
}
