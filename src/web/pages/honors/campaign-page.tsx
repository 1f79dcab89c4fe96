// One star-rating campaign: its criteria and levels; stations nominate people of their range with a
// reason; the running unit approves or rejects each (a reason to reject) and publishes the results
// once all are reviewed. An approved person goes on the honor wall after their consent is recorded.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { starCampaignStatusLabels, starLevelLabels, starNominationStatusLabels, type StarCampaignDetail, type StarNominationDto } from '../../../shared/schemas/honors';
import { useCampaign, useNominate, usePublishCampaign, useReviewNomination } from '../../api/honors';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { HonorRecipientSelect, errorText } from './recipient-select';

const nominationColor = { nominated: 'processing', approved: 'success', rejected: 'error' } as const;

export function Stars({ level }: { level: number }) {
  return (
    <span className="honor-stars" aria-label={starLevelLabels[level]} style={{ color: '#d4a017', whiteSpace: 'nowrap' }}>
      {Array.from({ length: level }, (_, i) => (
        <StarFilled key={i} />
      ))}
    </span>
  );
}

function NominateForm({ c }: { c: StarCampaignDetail }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const nominate = useNominate();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    try {
      await nominate.mutateAsync({ id: c.id, body: { recipientId: v.recipientId as string, orgUnitId: me.orgUnit.id, level: v.level as number, reason: v.reason as string } });
      form.resetFields();
      void message.success('已提交推荐');
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Card size="small" title="推荐人选" style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ level: c.levels[c.levels.length - 1] }}>
        <Form.Item name="recipientId" label="被推荐人" rules={[{ required: true, message: '请选择被推荐人' }]}>
          <HonorRecipientSelect label="被推荐人" />
        </Form.Item>
        <Form.Item name="level" label="推荐星级" rules={[{ required: true, message: '请选择推荐星级' }]}>
          <Select aria-label="推荐星级" options={c.levels.map((l) => ({ value: l, label: starLevelLabels[l] }))} />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由" rules={[{ required: true, message: '请填写推荐理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={nominate.isPending}>
          提交推荐
        </Button>
      </Form>
    </Card>
  );
}

function NominationCard({ c, n }: { c: StarCampaignDetail; n: StarNominationDto }) {
  const review = useReviewNomination();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  async function decide(decision: 'approve' | 'reject', text: string) {
    try {
      await review.mutateAsync({ id: c.id, nominationId: n.id, body: { version: n.version, decision, comment: text } });
      setRejecting(false);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <div data-testid={`nomination-${n.recipientName}`} style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
      <Space wrap size={6}>
        <Typography.Text strong>{n.recipientName}</Typography.Text>
        <Stars level={n.level} />
        <Tag color={nominationColor[n.status]}>{starNominationStatusLabels[n.status]}</Tag>
      </Space>
      <div className="muted">
        {n.orgUnitName} · {n.recipientIdMasked}
      </div>
      <div style={{ margin: '4px 0' }}>推荐理由：{n.reason}</div>
      {n.reviewComment && <div className="muted">评审意见：{n.reviewComment}</div>}
      <Space wrap style={{ marginTop: 6 }}>
        {n.canReview && (
          <>
            <Button type="primary" size="small" loading={review.isPending} onClick={() => void decide('approve', '')}>
              评审通过
            </Button>
            <Button danger size="small" onClick={() => setRejecting(true)}>
              不通过
            </Button>
          </>
        )}
        {n.status === 'approved' && <Link to={`/honors/consents/${n.recipientId}`}>光荣墙本人同意</Link>}
      </Space>
      <Modal open={rejecting} title={`不通过：${n.recipientName}`} okText="确定" onCancel={() => setRejecting(false)} onOk={() => void decide('reject', comment)} confirmLoading={review.isPending} destroyOnHidden>
        <Input.TextArea rows={3} aria-label="评审意见" placeholder="请填写不通过的意见" value={comment} onChange={(e) => setComment(e.target.value)} />
      </Modal>
    </div>
  );
}

export function CampaignPage() {
  const { id } = useParams();
  const q = useCampaign(id);
  const publish = usePublishCampaign();
  const { message, modal } = App.useApp();
  const c = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!c) return <Alert type="error" showIcon title="未找到该评星级活动" />;
  const pending = c.nominations.filter((n) => n.status === 'nominated').length;
  function confirmPublish(cc: StarCampaignDetail) {
    modal.confirm({
      title: '公布评星级结果',
      content: `通过 ${cc.nominations.filter((n) => n.status === 'approved').length} 人，公布日期 ${dayjs().format('YYYY-MM-DD')}。公布后不能再推荐或评审。`,
      okText: '公布',
      onOk: async () => {
        try {
          await publish.mutateAsync({ id: cc.id, body: { version: cc.version, publishedOn: dayjs().format('YYYY-MM-DD') } });
          void message.success('已公布');
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
  }
  return (
    <PageShell
      title={c.title}
      subtitle="评星级"
      extra={
        c.canManage && (
          <Button type="primary" disabled={pending > 0} onClick={() => confirmPublish(c)} title={pending ? `尚有 ${pending} 人未评审` : undefined}>
            公布结果
          </Button>
        )
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }} data-testid="campaign-facts">
        <Descriptions.Item label="状态">
          <Tag>{starCampaignStatusLabels[c.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="组织单位">{c.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="评定星级">{c.levels.map((l) => starLevelLabels[l]).join('、')}</Descriptions.Item>
        <Descriptions.Item label="推荐期">
          {c.periodFrom} 至 {c.periodTo}
        </Descriptions.Item>
        <Descriptions.Item label="评选标准" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.criteria}</span>
        </Descriptions.Item>
        {c.publishedOn && <Descriptions.Item label="公布日期">{c.publishedOn}</Descriptions.Item>}
      </Descriptions>
      {c.canNominate && <NominateForm c={c} />}
      <Card size="small" title={`推荐人选（${c.nominations.length}）`} styles={{ body: { padding: 0 } }}>
        {c.nominations.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无推荐人选" /> : c.nominations.map((n) => <NominationCard key={n.id} c={c} n={n} />)}
      </Card>
    </PageShell>
  );
}
