// An exemplar recommendation's page: the person, the title and reason, the merits in service (from
// the registry), the gazetteer mark, each level's opinion, the documents (upload, audited download),
// the actions the caller may take now (上报 / 入库 / 退回 with a comment; 重新报送, 撤回; 修改推荐材料
// while it is back with the recommender) and the log.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Select, Space, Spin, Timeline } from 'antd';
import {
  exemplarActionLabels,
  exemplarCategories,
  exemplarCategoryLabels,
  exemplarReviseBody,
  honorLevels,
  exemplarKindLabels,
  gazetteerGroundLabels,
  honorLevelLabels,
  type ExemplarAction,
  type ExemplarDetail,
} from '../../../shared/schemas/education';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { educationApi, useAddExemplarFile, useExemplar, useExemplarAction, useReviseExemplar } from '../../api/education';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { isApiError } from '../../api/client';
import { CaseFileList, FilePicker } from '../../components/case-files';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { ExemplarStatusTag, GazetteerTag } from './education-tags';

const needsComment: readonly ExemplarAction[] = ['forward', 'accept', 'return', 'withdraw'];

function ActionModal({ e, action, onClose }: { e: ExemplarDetail; action: ExemplarAction; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const run = useExemplarAction();
  const required = needsComment.includes(action);
  const submit = async () => {
    const { comment = '' } = form.getFieldsValue() as { comment?: string };
    if (required && !comment.trim()) {
      form.setFields([{ name: 'comment', errors: ['请填写意见'] }]);
      return;
    }
    try {
      await run.mutateAsync({ id: e.id, body: { action, comment, version: e.version } });
      void message.success(`已${exemplarActionLabels[action]}`);
      onClose();
    } catch (err) {
      void message.error(isApiError(err) ? err.message : '操作失败，请稍后重试');
    }
  };
  return (
    <Modal title={exemplarActionLabels[action]} open onCancel={onClose} onOk={() => void submit()} okText="确定" confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="comment" label={action === 'withdraw' ? '撤回原因' : action === 'resubmit' ? '补充说明' : '审核意见'} required={required}>
          <Input.TextArea rows={3} maxLength={500} aria-label="意见" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Documents({ e }: { e: ExemplarDetail }) {
  const [files, setFiles] = useState<MaterialFileUpload[]>([]);
  const add = useAddExemplarFile();
  const { message } = App.useApp();
  const upload = async () => {
    try {
      for (const f of files) await add.mutateAsync({ id: e.id, body: f });
      setFiles([]);
      void message.success('已上传');
    } catch (err) {
      void message.error(isApiError(err) ? err.message : '上传失败，请稍后重试');
    }
  };
  return (
    <Card title="事迹材料" style={{ marginTop: 12 }} data-testid="exemplar-files">
      <CaseFileList files={e.files} base={educationApi.fileBase(e.id)} withTime />
      {!e.files.length && <div className="muted">暂无材料（立功受奖证书、表彰文件、事迹照片等）</div>}
      {e.canUpload && (
        <Space wrap style={{ marginTop: 8 }}>
          <FilePicker value={files} onChange={setFiles} max={5} testId="exemplar-file-picker" />
          {files.length > 0 && (
            <Button type="primary" onClick={() => void upload()} loading={add.isPending}>
              上传
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

/** 修改推荐材料: the title, reason, category and honor level, while returned (before 重新报送). */
function ReviseModal({ e, onClose }: { e: ExemplarDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const revise = useReviseExemplar();
  async function submit() {
    const body = parseWithSchema(form, exemplarReviseBody, { ...form.getFieldsValue(true), version: e.version });
    if (!body) return;
    try {
      await revise.mutateAsync({ id: e.id, body });
      void message.success('已修改推荐材料');
      onClose();
    } catch (err) {
      if (!applyServerErrors(form, err)) void message.error(isApiError(err) ? err.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Modal title="修改推荐材料" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={revise.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ category: e.category, honorLevel: e.honorLevel, title: e.title, reason: e.reason }}>
        <Form.Item name="category" label="典型类别">
          <Select aria-label="典型类别" options={exemplarCategories.map((c) => ({ value: c, label: exemplarCategoryLabels[c] }))} />
        </Form.Item>
        <Form.Item name="title" label="典型事迹标题" rules={[{ required: true, message: '请填写典型事迹标题' }]}>
          <Input maxLength={60} aria-label="典型事迹标题" />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由（主要事迹）" rules={[{ required: true, message: '请填写推荐理由' }]}>
          <Input.TextArea rows={6} maxLength={2000} showCount aria-label="推荐理由" />
        </Form.Item>
        <Form.Item name="honorLevel" label="退役后获得的最高表彰">
          <Select aria-label="表彰级别" options={honorLevels.map((h) => ({ value: h, label: honorLevelLabels[h] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExemplarDetailPage() {
  const { id } = useParams();
  const q = useExemplar(id);
  const [action, setAction] = useState<ExemplarAction | null>(null);
  const [revising, setRevising] = useState(false);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="典型推荐暂时无法读取" subTitle={q.error.message} />;
  const e = q.data;
  return (
    <PageShell
      title={`优秀退役军人典型：${e.recipientName}`}
      subtitle={e.title}
      extra={
        e.allowed.length > 0 && (
          <Space wrap>
            {e.allowed.map((a) => (
              <Button key={a} type={a === 'forward' || a === 'accept' || a === 'resubmit' ? 'primary' : 'default'} danger={a === 'withdraw'} onClick={() => (a === 'revise' ? setRevising(true) : setAction(a))}>
                {exemplarActionLabels[a]}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {revising && <ReviseModal e={e} onClose={() => setRevising(false)} />}
      {e.status === 'returned' && <Alert type="warning" showIcon title={`已退回：${e.opinions.at(-1)?.text ?? ''}`} style={{ marginBottom: 12 }} />}
      {e.status === 'accepted' && <Alert type="success" showIcon title={`已于 ${e.acceptedOn ?? ''} 纳入${e.acceptedUnitName ?? ''}（${orgLevelLabels[e.acceptedLevel as keyof typeof orgLevelLabels] ?? ''}）${e.kind === 'pool' ? '典型资源库' : '“两委”班子推荐人选'}`} style={{ marginBottom: 12 }} />}
      {e.gazetteer.length > 0 && (
        <Alert type="info" showIcon title={`推荐参加地方重大庆典活动、写入地方志：${e.gazetteer.map((g) => gazetteerGroundLabels[g]).join('、')}`} style={{ marginBottom: 12 }} data-testid="exemplar-gazetteer" />
      )}
      <Card title="典型信息" data-testid="exemplar-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="姓名">
            <Link to={`/recipients/${e.recipientId}`}>{e.recipientName}</Link>
            <span className="muted"> {e.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Space size={4} wrap>
              <ExemplarStatusTag e={e} />
              <GazetteerTag grounds={e.gazetteer} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="推荐类别">{exemplarKindLabels[e.kind]}</Descriptions.Item>
          <Descriptions.Item label="典型类别">{exemplarCategoryLabels[e.category]}</Descriptions.Item>
          <Descriptions.Item label="推荐单位">{e.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="退役后最高表彰">{honorLevelLabels[e.honorLevel]}</Descriptions.Item>
          <Descriptions.Item label="立功受奖（服役期间）" span={2}>
            {e.merits.length ? e.merits.join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="推荐理由" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="各级意见" style={{ marginTop: 12 }} data-testid="exemplar-opinions">
        {e.opinions.length ? (
          <Timeline
            items={e.opinions.map((o, i) => ({
              key: i,
              color: o.action === 'return' || o.action === 'withdraw' ? 'red' : 'green',
              content: (
                <div>
                  <strong>{o.unitName}</strong> {exemplarActionLabels[o.action]} <span className="muted">{o.day} {o.by}</span>
                  {o.text && <div>{o.text}</div>}
                </div>
              ),
            }))}
          />
        ) : (
          <div className="muted">{e.reviewingUnitName ? `待${e.reviewingUnitName}审核` : '暂无'}</div>
        )}
      </Card>
      <Documents e={e} />
      <Card title="办理记录" style={{ marginTop: 12 }}>
        <CaseTimeline log={e.log} showStates />
      </Card>
      {action && <ActionModal key={action} e={e} action={action} onClose={() => setAction(null)} />}
    </PageShell>
  );
}
