// A report's page: what was found, the chain from the reporting unit to the county with each
// level's signing time (and the time it took), decision and measures, and the case's log (the one
// timeline). The level the report waits on signs 签收 and handles it 自行处置 (with measures) or
// passes it up 上报.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Steps, Typography } from 'antd';
import { ArrowUpOutlined, CheckOutlined, PrinterOutlined, ToolOutlined } from '@ant-design/icons';
import { opinionDecide, opinionDecisionLabels, type OpinionDecision, type OpinionDto } from '../../../shared/schemas/opinion-reports';
import { useAcknowledgeOpinion, useDecideOpinion, useOpinionReport } from '../../api/opinion-reports';
import { isApiError } from '../../api/client';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { MyLevelTag, OpinionLevelTag, duration, time } from './opinion-bits';

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function DecideModal({ r, decision, onClose }: { r: OpinionDto; decision: OpinionDecision | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const decide = useDecideOpinion();
  async function submit() {
    const body = parseWithSchema(form, opinionDecide, { ...form.getFieldsValue(), decision, version: r.version });
    if (!body) return;
    try {
      await decide.mutateAsync({ id: r.id, body });
      void message.success(decision === 'handle' ? '已自行处置' : '已上报上一级');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Modal title={decision ? opinionDecisionLabels[decision] : ''} open={!!decision} onCancel={onClose} onOk={() => void submit()} okText="确定" confirmLoading={decide.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="measures" label={decision === 'handle' ? '处置措施' : '上报说明'} rules={decision === 'handle' ? [{ required: true, message: '请填写处置措施' }] : []}>
          <Input.TextArea rows={4} maxLength={1000} placeholder={decision === 'handle' ? '如：核实情况、约谈当事人、发布说明' : '（可选）为何需要上级处置'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OpinionDetailPage() {
  const { id } = useParams();
  const q = useOpinionReport(id);
  const ack = useAcknowledgeOpinion();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<OpinionDecision | null>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该舆情信息'} extra={<Link to="/opinion-reports">返回列表</Link>} />;
  const r = q.data;
  const acting = r.chain.find((l) => l.acting);
  const current = r.status === 'handled' ? r.chain.findIndex((l) => l.decision === 'handle') : r.chain.findIndex((l) => l.acting);
  return (
    <PageShell
      title="舆情信息"
      subtitle={<Space size={4}><OpinionLevelTag level={r.level} /><MyLevelTag r={r} /></Space>}
      extra={
        <Space wrap>
          {r.canAcknowledge && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={ack.isPending}
              onClick={() => ack.mutate(r.id, { onSuccess: () => void message.success('已签收'), onError: (e) => void message.error(errorText(e)) })}
            >
              签收
            </Button>
          )}
          {r.canDecide && (
            <Button type={r.canAcknowledge ? 'default' : 'primary'} icon={<ToolOutlined />} onClick={() => setDecision('handle')}>
              自行处置
            </Button>
          )}
          {r.canDecide && !r.myLevelIsTop && (
            <Button icon={<ArrowUpOutlined />} onClick={() => setDecision('passUp')}>
              上报上一级
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      {r.canAcknowledge && r.myLevel && (
        <Alert type={r.myLevel.ackOverdue ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} title={`请于 ${time(r.myLevel.ackDueAt)} 前签收${r.myLevel.ackOverdue ? '（已超时）' : ''}`} />
      )}
      {r.status === 'open' && acting && !r.canDecide && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`现由${acting.orgUnitName}处置`} />}
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="发现时间">{time(r.foundAt)}</Descriptions.Item>
          <Descriptions.Item label="来源/平台">{r.source}</Descriptions.Item>
          <Descriptions.Item label="舆情摘要" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</span>
          </Descriptions.Item>
          <Descriptions.Item label="涉及人员">{r.people || '—'}</Descriptions.Item>
          <Descriptions.Item label="等级">
            <OpinionLevelTag level={r.level} />
          </Descriptions.Item>
          <Descriptions.Item label="报送人">{`${r.reportedByName}（${r.orgUnitName}）`}</Descriptions.Item>
          <Descriptions.Item label="报送时间">{time(r.reportedAt)}</Descriptions.Item>
          {r.link ? (
            <Descriptions.Item label="链接" span={2}>
              <Typography.Link href={r.link} target="_blank" rel="noopener noreferrer nofollow">
                {r.link}
              </Typography.Link>
            </Descriptions.Item>
          ) : null}
          {r.note ? (
            <Descriptions.Item label="备注" span={2}>
              {r.note}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="报送链：各级签收与处置" className="dispute-section">
        <Steps
          className="opinion-chain"
          orientation="vertical"
          size="small"
          current={current}
          status={r.status === 'handled' ? 'finish' : 'process'}
          items={r.chain.map((l) => ({
            title: (
              <span>
                {l.orgUnitName}
                {l.seq === 0 ? '（报送单位）' : ''}
              </span>
            ),
            status: l.decision === 'handle' ? 'finish' : l.acting ? (l.ackOverdue ? 'error' : 'process') : l.acknowledgedAt ? 'finish' : 'wait',
            content: (
              <div>
                <div className="opinion-chain-time">
                  {l.acknowledgedAt
                    ? `${time(l.acknowledgedAt)} ${l.acknowledgedByName}签收${l.seq === 0 ? '' : `，用时 ${duration(l.ackMinutes ?? 0)}`}${l.ackOverdue ? '（超时）' : ''}`
                    : !l.reached
                      ? '未报送至本级'
                      : `未签收${l.ackOverdue ? '（已超时）' : `，时限 ${time(l.ackDueAt)}`}`}
                </div>
                {l.decision && (
                  <div>
                    {opinionDecisionLabels[l.decision as OpinionDecision]}（{time(l.decidedAt)} {l.decidedByName}）{l.measures ? `：${l.measures}` : ''}
                  </div>
                )}
                {l.acting && <div>待本级处置或上报</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Card title="办理记录" className="dispute-section">
        <CaseTimeline
          log={r.log ?? []}
          renderData={(e) => {
            const m = (e.data as { measures?: unknown } | null)?.measures;
            return typeof m === 'string' && m ? <span>{e.action === 'handle' ? '处置措施' : '说明'}：{m}</span> : null;
          }}
        />
      </Card>
      <DecideModal r={r} decision={decision} onClose={() => setDecision(null)} />
    </PageShell>
  );
}
