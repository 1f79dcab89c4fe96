// One page per recipient: the record, household, documents, open cases, history and (as later
// modules land) visits, applications, aid and petitions — the page a worker opens before a home
// visit. Prints on A4 with the collection notice.
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import {
  EditOutlined,
  ExportOutlined,
  PrinterOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  branchLabels,
  careCategoryLabels,
  certificateKindLabels,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  meritLevelLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  recipientKindLabels,
  recipientStatusLabels,
  situationKeys,
  situationLabels,
  situationLevels,
  type RecipientDetail,
  recipientFieldLabels,
} from '../../../shared/schemas/recipients';
import { useCase } from '../../api/cases';
import { useRecipient, useRecordDeath, useSubmitRecipient } from '../../api/recipients';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { PiplNotice } from '../../components/pipl-notice';
import { SensitiveValue } from '../../components/sensitive-value';
import { useCan, useCurrentUser } from '../../components/session';
import { RecipientDocuments } from './recipient-documents';
import { RecipientHistory } from './recipient-history';
import { recipientPanels } from './recipient-panels';
import { HomeServiceTag, RecipientStatusTag, genderLabels, gradeLabel } from './recipient-tags';
import { RecipientVisitAction } from './recipient-visits';
import { TransferOutModal } from './transfer-modals';

const deathKindLabels: Record<string, string> = { martyr: '烈士', dutyDeath: '因公牺牲', illnessDeath: '病故' };

function orDash(v: ReactNode): ReactNode {
  return v === null || v === undefined || v === '' ? <span className="muted">—</span> : v;
}

function Section({
  title,
  id,
  children,
  extra,
  className,
}: {
  title: string;
  id: string;
  children: ReactNode;
  extra?: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel detail-section${className ? ` ${className}` : ''}`} id={id} aria-labelledby={`${id}-title`}>
      <div className="detail-section-head">
        <h3 id={`${id}-title`} className="detail-section-title">
          {title}
        </h3>
        {extra && <div className="no-print">{extra}</div>}
      </div>
      {children}
    </section>
  );
}

const descColumns = { xs: 1, sm: 2, lg: 3 } as const;

export function RecipientDetailPage() {
  const { id } = useParams();
  const q = useRecipient(id);
  if (q.isError)
    return (
      <Result
        status="warning"
        title="无法打开该记录"
        subTitle={q.error.message}
        extra={<Link to="/recipients">返回服务对象</Link>}
      />
    );
  if (!q.data)
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  return <RecipientDetailView r={q.data} />;
}

function RecipientDetailView({ r }: { r: RecipientDetail }) {
  const me = useCurrentUser();
  const canWrite = useCan('registry:write');
  const panels = recipientPanels.filter((p) => !p.permission || me.permissions.includes(p.permission));
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  // on a phone the visit is the main action: at the top, not screens down in the 走访慰问 panel
  const visitAtTop = isPhone && me.permissions.includes('visits:write') && panels.some((p) => p.key === 'visits');
  const [submitting, setSubmitting] = useState(false);
  const [recordingDeath, setRecordingDeath] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const canEdit = canWrite && r.status !== 'pending';
  const canSubmit = canWrite && (r.status === 'draft' || r.status === 'returned');
  const transferOpen = r.openCases.some((c) => c.type === 'transfer');

  const identity: DescriptionsProps['items'] = [
    { key: 'name', label: recipientFieldLabels.name, children: r.name },
    { key: 'gender', label: recipientFieldLabels.gender, children: genderLabels[r.gender] },
    {
      key: 'birth',
      label: recipientFieldLabels.birthDate,
      children: (
        <>
          {r.birthDate}
          <span className="muted">（{r.age} 岁{r.lunarBirthday ? '，过农历生日' : ''}）</span>
        </>
      ),
    },
    { key: 'ethnicity', label: recipientFieldLabels.ethnicity, children: orDash(r.ethnicity) },
    {
      key: 'idNumber',
      label: recipientFieldLabels.idNumber,
      children: <SensitiveValue recipientId={r.id} field="idNumber" masked={r.idNumberMasked} />,
    },
    {
      key: 'phone',
      label: recipientFieldLabels.phone,
      children: <SensitiveValue recipientId={r.id} field="phone" masked={r.phoneMasked} />,
    },
    {
      key: 'political',
      label: recipientFieldLabels.politicalStatus,
      children: orDash(r.politicalStatus && politicalStatusLabels[r.politicalStatus]),
    },
    { key: 'unit', label: recipientFieldLabels.orgUnitId, children: r.orgUnitPath.map((u) => u.name).join(' / ') || r.orgUnitName },
    { key: 'householdAddress', label: recipientFieldLabels.householdAddress, children: orDash(r.householdAddress), span: 'filled' },
    { key: 'currentAddress', label: recipientFieldLabels.currentAddress, children: orDash(r.currentAddress), span: 'filled' },
  ];
  if (r.deceased) identity.push({ key: 'death', label: recipientFieldLabels.deathDate, children: orDash(r.deathDate) });

  const service: DescriptionsProps['items'] = [
    { key: 'enlist', label: recipientFieldLabels.enlistmentDate, children: orDash(r.enlistmentDate) },
    { key: 'discharge', label: recipientFieldLabels.dischargeDate, children: orDash(r.dischargeDate) },
    { key: 'dischargeType', label: recipientFieldLabels.dischargeType, children: orDash(r.dischargeType && dischargeTypeLabels[r.dischargeType]) },
    { key: 'branch', label: recipientFieldLabels.branch, children: orDash(r.branch && branchLabels[r.branch]) },
    { key: 'lastUnit', label: recipientFieldLabels.lastUnit, children: orDash(r.lastUnit) },
    { key: 'rank', label: recipientFieldLabels.rank, children: orDash(r.rank) },
    {
      key: 'merits',
      label: recipientFieldLabels.merits,
      span: 'filled',
      children:
        r.merits.length === 0 ? (
          <span className="muted">无</span>
        ) : (
          <ul className="compact-list">
            {r.merits.map((m, i) => (
              <li key={i}>
                {m.name}（{meritLevelLabels[m.level]}
                {m.year ? `，${m.year} 年` : ''}）
              </li>
            ))}
          </ul>
        ),
    },
  ];

  const category: DescriptionsProps['items'] = [
    { key: 'kind', label: recipientFieldLabels.kind, children: recipientKindLabels[r.kind] },
    { key: 'group', label: recipientFieldLabels.recipientGroup, children: recipientGroupLabels[r.recipientGroup] },
    {
      key: 'care',
      label: recipientFieldLabels.careCategories,
      span: 'filled',
      children:
        r.careCategories.length === 0 ? (
          <span className="muted">无</span>
        ) : (
          r.careCategories.map((c) => (
            <Tag key={c} color="volcano">
              {careCategoryLabels[c]}
            </Tag>
          ))
        ),
    },
  ];
  if (r.deceasedSoldier) {
    const ds = r.deceasedSoldier;
    category.push(
      { key: 'dsName', label: '牺牲（病故）军人', children: `${ds.name}${ds.relation ? `（${ds.relation}）` : ''}` },
      { key: 'dsKind', label: '性质', children: deathKindLabels[ds.deathKind] ?? ds.deathKind },
      { key: 'dsDate', label: '日期', children: orDash(ds.deathDate) },
      { key: 'dsCert', label: '证明书编号', children: orDash(ds.certificateNo) },
    );
  }

  const disability: DescriptionsProps['items'] = [
    { key: 'grade', label: recipientFieldLabels.disabilityGrade, children: orDash(gradeLabel(r.disabilityGrade)) },
    { key: 'cause', label: recipientFieldLabels.disabilityCause, children: orDash(r.disabilityCause && disabilityCauseLabels[r.disabilityCause]) },
    {
      key: 'cert',
      label: recipientFieldLabels.disabilityCert,
      children: <SensitiveValue recipientId={r.id} field="disabilityCert" masked={r.hasDisabilityCert ? '已填写（已加密）' : null} />,
    },
    {
      key: 'medical',
      label: recipientFieldLabels.medicalDetails,
      span: 'filled',
      children: (
        <SensitiveValue recipientId={r.id} field="medicalDetails" masked={r.hasMedicalDetails ? '已填写（已加密）' : null} block />
      ),
    },
  ];

  const other: DescriptionsProps['items'] = [
    { key: 'education', label: recipientFieldLabels.education, children: orDash(r.education && educationLabels[r.education]) },
    {
      key: 'employment',
      label: recipientFieldLabels.employmentStatus,
      children: orDash(r.employmentStatus && employmentStatusLabels[r.employmentStatus]),
    },
    {
      key: 'bank',
      label: recipientFieldLabels.bankAccount,
      children: <SensitiveValue recipientId={r.id} field="bankAccount" masked={r.bankAccountMasked} />,
    },
    { key: 'skills', label: recipientFieldLabels.skills, children: orDash(r.skills), span: 'filled' },
    { key: 'notes', label: recipientFieldLabels.notes, children: orDash(r.notes), span: 'filled' },
  ];

  const situationRows = situationKeys.map((k) => {
    const s = r.situations[k];
    return {
      key: k,
      label: situationLabels[k],
      level: s?.level ? (situationLevels[k][s.level] ?? s.level) : '',
      note: s?.note ?? '',
    };
  });

  return (
    <PageShell
      title={r.name}
      className="print-own-head"
      subtitle={
        <span className="detail-subtitle">
          <RecipientStatusTag status={r.status} deceased={r.deceased} />
          <HomeServiceTag reasons={r.homeService} />
          <span>
            {recipientKindLabels[r.kind]} · {r.orgUnitName}
          </span>
        </span>
      }
      extra={
        <Space wrap className="detail-actions">
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/recipients/${r.id}/edit`)}>
              编辑
            </Button>
          )}
          {canSubmit && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setSubmitting(true)}>
              提交审核
            </Button>
          )}
          {canWrite && !r.deceased && (
            <Button icon={<StopOutlined />} onClick={() => setRecordingDeath(true)}>
              登记去世
            </Button>
          )}
          {canWrite && r.status === 'registered' && (
            <Button icon={<ExportOutlined />} onClick={() => setTransferring(true)} disabled={transferOpen}>
              迁出
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      <div className="recipient-detail">
        <div className="print-only print-head">
          <div className="print-title">服务对象信息表</div>
          <div className="print-meta">
            {r.name} · {recipientStatusLabels[r.status]}
            {r.deceased ? ' · 已去世' : ''} · {r.orgUnitPath.map((u) => u.name).join(' / ')} · 打印：{me.displayName}{' '}
            {dayjs().format('YYYY-MM-DD HH:mm')}
          </div>
          <PiplNotice />
        </div>

        {visitAtTop && <RecipientVisitAction recipient={r} />}
        {r.status === 'returned' && <ReturnedNotice recipient={r} />}
        {r.status === 'pending' && (
          <Alert className="form-alert no-print" type="info" showIcon title="已提交县级审核，审核完成前不能修改。" />
        )}

        {r.openCases.length > 0 && (
          <Section title="办理中的事项" id="open-cases">
            <ul className="case-links">
              {r.openCases.map((c) => (
                <li key={c.id}>
                  <Link to={`/cases/${c.id}`}>{c.typeLabel}</Link>
                  <Tag color="gold" style={{ marginLeft: 8 }}>
                    {c.statusLabel}
                  </Tag>
                </li>
              ))}
            </ul>
          </Section>
        )}

        <Section title="基本身份" id="identity">
          <Descriptions size="small" bordered column={descColumns} items={identity} />
        </Section>
        <Section title="服役信息" id="service">
          <Descriptions size="small" bordered column={descColumns} items={service} />
        </Section>
        <Section title="人员类别与优抚" id="category">
          <Descriptions size="small" bordered column={descColumns} items={category} />
        </Section>
        <Section title="伤残" id="disability">
          <Descriptions size="small" bordered column={descColumns} items={disability} />
        </Section>
        <Section
          title={recipientFieldLabels.situations}
          id="situations"
          extra={<span className="muted">已填 {situationKeys.filter((k) => r.situations[k]?.level).length}/7</span>}
        >
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={situationRows}
            columns={[
              { key: 'label', title: '状况', dataIndex: 'label', width: 96 },
              { key: 'level', title: '情况', dataIndex: 'level', render: (v: string) => orDash(v) },
              { key: 'note', title: '说明', dataIndex: 'note', render: (v: string) => orDash(v) },
            ]}
          />
        </Section>
        <Section title={recipientFieldLabels.familyMembers} id="family">
          {r.familyMembers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写家庭成员" />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey={(_m, i) => String(i)}
              dataSource={r.familyMembers}
              columns={[
                { key: 'name', title: '姓名', dataIndex: 'name' },
                { key: 'relation', title: '关系', dataIndex: 'relation' },
                { key: 'birthYear', title: '出生年份', dataIndex: 'birthYear', render: (v: number | null) => orDash(v) },
                { key: 'occupation', title: '职业或工作单位', dataIndex: 'occupation', render: (v: string) => orDash(v) },
                { key: 'employmentStatus', title: '就业状况', dataIndex: 'employmentStatus', render: (v: keyof typeof employmentStatusLabels | null | undefined) => (v ? employmentStatusLabels[v] : '—') },
              ]}
            />
          )}
        </Section>
        <Section title="家庭户" id="household">
          {r.household ? (
            <div className="household">
              <div>
                <span className="muted">地址：</span>
                {r.household.address || <span className="muted">未填写</span>}
                <span className="muted household-id">户编号 {r.household.id}</span>
              </div>
              <div className="household-members">
                {r.household.members.map((m) =>
                  m.id === r.id ? (
                    <Tag key={m.id} color="blue">
                      {m.name}（本人{m.isHead ? '，户主' : ''}）
                    </Tag>
                  ) : (
                    <Tag key={m.id}>
                      <Link to={`/recipients/${m.id}`}>{m.name}</Link>
                      {m.isHead ? '（户主）' : ''} · {recipientKindLabels[m.kind]}
                    </Tag>
                  ),
                )}
              </div>
            </div>
          ) : (
            <Typography.Text type="secondary">未加入家庭户</Typography.Text>
          )}
        </Section>
        <Section title={recipientFieldLabels.certificates} id="certificates">
          {r.certificates.length === 0 ? (
            <Typography.Text type="secondary">未登记证件</Typography.Text>
          ) : (
            <ul className="compact-list">
              {r.certificates.map((c, i) => (
                <li key={i}>
                  {certificateKindLabels[c.kind]}：<span className="mono">{c.number}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="其他" id="other">
          <Descriptions size="small" bordered column={descColumns} items={other} />
        </Section>
        <Section title="证件材料" id="documents">
          <RecipientDocuments recipientId={r.id} documents={r.documents} canUpload={canWrite} />
        </Section>

        <Section
          title="服务记录"
          id="services"
          className={panels.some((p) => p.render) ? undefined : 'no-print'}
        >
          <div className="service-panels">
            {panels.map((p) =>
              p.render ? (
                <div key={p.key} className="service-panel">
                  <div className="service-panel-title">{p.title}</div>
                  {p.render(r)}
                </div>
              ) : (
                <div key={p.key} className="service-panel service-panel-pending no-print">
                  <div className="service-panel-title">{p.title}</div>
                  <div className="muted">该模块尚未开通，开通后在此显示</div>
                </div>
              ),
            )}
          </div>
        </Section>

        <Section title="变更历史" id="history">
          <RecipientHistory recipientId={r.id} />
          <div className="muted history-meta">
            采集于 {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
            {r.registeredAt ? ` · 入库于 ${dayjs(r.registeredAt).format('YYYY-MM-DD HH:mm')}` : ''} · 第 {r.version} 版
          </div>
        </Section>
      </div>

      <SubmitModal recipient={submitting ? r : null} onClose={() => setSubmitting(false)} />
      <DeathModal recipient={recordingDeath ? r : null} onClose={() => setRecordingDeath(false)} />
      <TransferOutModal recipient={transferring ? r : null} onClose={() => setTransferring(false)} />
    </PageShell>
  );
}

/** A returned record: the reviewer's reason, from the collection-review case's log. */
function ReturnedNotice({ recipient }: { recipient: RecipientDetail }) {
  const review = recipient.openCases.find((c) => c.type === 'collection-review');
  const c = useCase(review?.id);
  const last = c.data ? [...c.data.log].reverse().find((l) => l.toStatus === 'returned') : undefined;
  return (
    <Alert
      className="form-alert no-print"
      type="warning"
      showIcon
      title="县级审核已退回该记录，请修改后重新提交审核"
      description={
        last ? (
          <>
            退回意见（{last.actorName}，{dayjs(last.at).format('M月D日 HH:mm')}）：{last.comment || '（未填写）'}
          </>
        ) : review ? (
          <Link to={`/cases/${review.id}`}>查看审核办件</Link>
        ) : undefined
      }
    />
  );
}

function SubmitModal({ recipient, onClose }: { recipient: RecipientDetail | null; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const submit = useSubmitRecipient();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!recipient}
      title="提交县级审核"
      okText="提交"
      cancelText="取消"
      okButtonProps={{ loading: submit.isPending }}
      onCancel={onClose}
      onOk={() => {
        if (!recipient) return;
        submit.mutate(
          { id: recipient.id, version: recipient.version, comment: comment.trim() },
          {
            onSuccess: () => {
              void message.success('已提交县级审核');
              setComment('');
              onClose();
            },
          },
        );
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        提交后由县级服务中心审核，审核通过的记录进入服务对象库；审核期间不能修改。
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="提交说明"
        placeholder="提交说明（选填）"
        rows={3}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
    </Modal>
  );
}

function DeathModal({ recipient, onClose }: { recipient: RecipientDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<{ deathDate?: string | null; note?: string }>();
  const death = useRecordDeath();
  const { message } = App.useApp();
  async function ok(): Promise<void> {
    if (!recipient) return;
    const v = await form.validateFields();
    death.mutate(
      { id: recipient.id, deathDate: v.deathDate as string, version: recipient.version, note: (v.note ?? '').trim() },
      {
        onSuccess: () => {
          void message.success('已登记去世');
          onClose();
        },
      },
    );
  }
  return (
    <Modal
      open={!!recipient}
      title={recipient ? `登记去世：${recipient.name}` : ''}
      okText="登记"
      okButtonProps={{ danger: true, loading: death.isPending }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void ok()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">记录保留，标记为已去世。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="deathDate" label="去世日期" rules={[{ required: true, message: '请选择去世日期' }]}>
          <DayPicker maxDay={todayDay()} minDay={recipient?.birthDate} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={300} placeholder="如：死亡证明出具单位（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
