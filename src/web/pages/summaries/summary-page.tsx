// A summary's page: the figures (counted now while the summary is with its unit, frozen at submission
// after), the unit's text (edited by the unit's own staff while a draft or returned), the actions of
// the moment (submit; return or accept by the parent unit; reopen an accepted one), the children's
// states, the kernel timeline, the print view and the .docx.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { CheckOutlined, FileWordOutlined, PrinterOutlined, RollbackOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { SUMMARY_SECTION_MAX, summarySectionLabels, summarySections, type SummaryDetail } from '../../../shared/schemas/summaries';
import { downloadSummaryDocx, useEditSummary, useSummary, useSummaryAction, type SummaryAction } from '../../api/summaries';
import { PageShell } from '../../components/page-shell';
import { CaseTimeline } from '../../components/case-timeline';
import { errorText } from '../honors/recipient-select';
import { ChildrenTable, FigureTables, SummaryStatusTag, stamp } from './summary-parts';

type Texts = { work: string; problems: string; plans: string };

function StateNote({ s }: { s: SummaryDetail }) {
  if (s.status === 'returned') return <Alert type="warning" showIcon title={`上级退回修改：${s.reviewComment}`} style={{ marginBottom: 12 }} data-testid="summary-state" />;
  if (s.status === 'submitted') return <Alert type="info" showIcon title={`已于 ${stamp(s.submittedAt)} 提交${s.parentUnitName ?? '上级单位'}审核，数据按提交时固定`} style={{ marginBottom: 12 }} data-testid="summary-state" />;
  if (s.status === 'accepted') return <Alert type="success" showIcon title={`已于 ${stamp(s.acceptedAt)} 审核通过并锁定，不能再修改${s.reviewComment ? `（意见：${s.reviewComment}）` : ''}`} style={{ marginBottom: 12 }} data-testid="summary-state" />;
  return null;
}

export function SummaryPage() {
  const { id } = useParams();
  const q = useSummary(id);
  const edit = useEditSummary();
  const act = useSummaryAction();
  const { message } = App.useApp();
  const [form] = Form.useForm<Texts>();
  const [modal, setModal] = useState<null | 'return' | 'accept' | 'reopen'>(null);
  const [commentForm] = Form.useForm<{ comment: string }>();
  const [downloading, setDownloading] = useState(false);
  const s = q.data;
  useEffect(() => {
    if (s) form.setFieldsValue({ work: s.work, problems: s.problems, plans: s.plans });
  }, [s, form]);
  if (q.isPending) return <Skeleton active />;
  if (!s) return <Alert type="error" showIcon title={q.error ? errorText(q.error) : '未找到该工作总结'} />;
  const title = `${s.orgUnitName}${s.halfYearLabel}工作总结`;

  /** Saves the text if it changed; returns the summary as stored. */
  async function save(quiet = false): Promise<SummaryDetail> {
    const v = form.getFieldsValue();
    if (v.work === s!.work && v.problems === s!.problems && v.plans === s!.plans) return s!;
    const saved = await edit.mutateAsync({ id: s!.id, body: { editVersion: s!.editVersion, work: v.work ?? '', problems: v.problems ?? '', plans: v.plans ?? '' } });
    if (!quiet) void message.success('已保存');
    return saved;
  }
  async function run(action: SummaryAction, comment = '') {
    try {
      const current = action === 'submit' ? await save(true) : s!;
      await act.mutateAsync({ id: s!.id, action, body: action === 'submit' ? { version: current.version } : { version: current.version, comment } });
      setModal(null);
      void message.success({ submit: '已提交上级审核', return: '已退回修改', accept: '已审核通过', reopen: '已重新打开' }[action]);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  async function docx() {
    setDownloading(true);
    try {
      await downloadSummaryDocx(s!.id, `${title}.docx`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <PageShell
      title={title}
      subtitle={`${s.period.from} 至 ${s.period.to}${s.parentUnitName ? ` · 审核单位：${s.parentUnitName}` : ''}`}
      extra={
        <Space wrap>
          <SummaryStatusTag status={s.status} />
          {s.canSubmit && (
            <Button type="primary" icon={<SendOutlined />} loading={act.isPending || edit.isPending} onClick={() => void run('submit')}>
              提交上级审核
            </Button>
          )}
          {s.canReview && (
            <>
              <Button icon={<RollbackOutlined />} onClick={() => setModal('return')}>
                退回修改
              </Button>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setModal('accept')}>
                审核通过
              </Button>
            </>
          )}
          {s.canReopen && (
            <Button icon={<UndoOutlined />} onClick={() => setModal('reopen')}>
              重新打开
            </Button>
          )}
          <Link to={`/summaries/${s.id}/print`}>
            <Button icon={<PrinterOutlined />}>打印视图</Button>
          </Link>
          <Button icon={<FileWordOutlined />} loading={downloading} onClick={() => void docx()}>
            导出 Word
          </Button>
        </Space>
      }
    >
      <StateNote s={s} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title="主要数据" extra={<Typography.Text type="secondary">{s.figuresFrozen ? `提交时统计（${stamp(s.figuresAt)}）` : '按业务数据实时统计，提交时固定'}</Typography.Text>}>
          <FigureTables groups={s.figures} />
        </Card>
        <Card size="small" title="总结内容">
          {s.canEdit ? (
            <Form form={form} layout="vertical" initialValues={{ work: s.work, problems: s.problems, plans: s.plans }}>
              {summarySections.map((k) => (
                <Form.Item key={k} name={k} label={summarySectionLabels[k]}>
                  <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={SUMMARY_SECTION_MAX} aria-label={summarySectionLabels[k]} />
                </Form.Item>
              ))}
              <Button loading={edit.isPending} onClick={() => void save().catch((e: unknown) => void message.error(errorText(e)))}>
                保存
              </Button>
            </Form>
          ) : (
            summarySections.map((k) => (
              <div key={k} className="summary-section" data-testid={`section-${k}`}>
                <Typography.Title level={5}>{summarySectionLabels[k]}</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s[k] || <Typography.Text type="secondary">（未填写）</Typography.Text>}</Typography.Paragraph>
              </div>
            ))
          )}
        </Card>
        {s.children.length > 0 && (
          <Card size="small" title="下级单位工作总结">
            <ChildrenTable items={s.children} halfYear={s.halfYear} />
          </Card>
        )}
        <Card size="small" title="办理记录">
          <CaseTimeline log={s.log} />
        </Card>
      </Space>
      <Modal
        open={modal !== null}
        title={modal === 'return' ? '退回修改' : modal === 'accept' ? '审核通过' : '重新打开'}
        okText="确定"
        onCancel={() => setModal(null)}
        onOk={() => commentForm.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        {modal === 'accept' && <Typography.Paragraph type="secondary">通过后该总结锁定，不能再修改。</Typography.Paragraph>}
        {modal === 'reopen' && <Typography.Paragraph type="secondary">重新打开后总结退回下级单位修改，须重新提交审核。</Typography.Paragraph>}
        <Form form={commentForm} layout="vertical" onFinish={(v) => void run(modal!, v.comment ?? '')}>
          <Form.Item name="comment" label={modal === 'accept' ? '审核意见（可不填）' : '意见'} rules={modal === 'accept' ? [] : [{ required: true, whitespace: true, message: '请填写意见' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} aria-label="意见" />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  );
}
