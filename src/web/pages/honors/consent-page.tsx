// 光荣墙本人同意: whether a person agreed to be shown on the public honor wall, how and when, who
// recorded it; the citation and photo shown; withdrawing takes the person off the wall at once.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { consentMethodLabels, consentMethods, type ConsentMethod, type HonorWallConsentInput } from '../../../shared/schemas/honors';
import { useConsent, useRecordConsent, useWithdrawConsent } from '../../api/honors';
import { PageShell } from '../../components/page-shell';
import { DayPicker } from '../../components/day-picker';
import { FilePicker } from '../../components/case-files';
import { useCan } from '../../components/session';
import { errorText } from './recipient-select';

export function ConsentPage() {
  const { id } = useParams();
  const q = useConsent(id);
  const record = useRecordConsent();
  const withdraw = useWithdrawConsent();
  const canWrite = useCan('honors:write');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const w = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!w) return <Alert type="error" showIcon title="未找到该服务对象" />;
  async function submit(v: Record<string, unknown>) {
    const files = (v.photo as MaterialFileUpload[] | undefined) ?? [];
    const photo = files[0] ? ({ ...files[0], mime: files[0].mime === 'application/pdf' ? 'image/jpeg' : files[0].mime } as HonorWallConsentInput['photo']) : null;
    try {
      await record.mutateAsync({ id: w!.recipientId, body: { version: w!.version, method: v.method as ConsentMethod, consentedOn: v.consentedOn as string, citation: v.citation as string, photo } });
      void message.success('已记录本人同意');
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  async function doWithdraw() {
    try {
      await withdraw.mutateAsync({ id: w!.recipientId, body: { version: w!.version, reason } });
      setWithdrawing(false);
      void message.success('已撤回，已从光荣墙撤下');
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <PageShell title={`光荣墙本人同意：${w.recipientName}`} subtitle="经本人同意后方可在光荣墙、荣誉榜展示照片与事迹">
      <Card size="small" style={{ marginBottom: 12 }} data-testid="consent-state">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="状态">{w.active ? <Tag color="success">已同意（展示中）</Tag> : w.withdrawnAt ? <Tag>已撤回</Tag> : <Tag>未记录同意（不展示）</Tag>}</Descriptions.Item>
          {w.method && <Descriptions.Item label="同意方式">{consentMethodLabels[w.method]}</Descriptions.Item>}
          {w.consentedOn && <Descriptions.Item label="同意日期">{w.consentedOn}</Descriptions.Item>}
          {w.recordedByName && (
            <Descriptions.Item label="记录人">
              {w.recordedByName}（{dayjs(w.recordedAt).format('YYYY-MM-DD HH:mm')}）
            </Descriptions.Item>
          )}
          {w.citation && <Descriptions.Item label="展示事迹">{w.citation}</Descriptions.Item>}
          {w.withdrawnAt && (
            <Descriptions.Item label="撤回">
              {w.withdrawnByName} {dayjs(w.withdrawnAt).format('YYYY-MM-DD')}：{w.withdrawReason}
            </Descriptions.Item>
          )}
        </Descriptions>
        {w.active && canWrite && (
          <Button danger onClick={() => setWithdrawing(true)}>
            撤回同意
          </Button>
        )}
      </Card>
      {canWrite && (
        <Card size="small" title={w.active ? '更新同意记录' : '记录本人同意'}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ method: 'written', consentedOn: dayjs().format('YYYY-MM-DD'), citation: w.citation }}>
            <Form.Item name="method" label="同意方式" rules={[{ required: true, message: '请选择同意方式' }]}>
              <Select aria-label="同意方式" options={consentMethods.map((m) => ({ value: m, label: consentMethodLabels[m] }))} />
            </Form.Item>
            <Form.Item name="consentedOn" label="同意日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DayPicker aria-label="同意日期" maxDay={dayjs().format('YYYY-MM-DD')} />
            </Form.Item>
            <Form.Item name="citation" label="展示事迹（简介）" rules={[{ required: true, message: '请填写展示事迹' }]}>
              <Input.TextArea rows={3} maxLength={300} />
            </Form.Item>
            <Form.Item name="photo" label="照片（可选）">
              <FilePicker max={1} testId="consent-photo" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              保存同意记录
            </Button>
          </Form>
        </Card>
      )}
      <Modal open={withdrawing} title="撤回本人同意" okText="撤回" okButtonProps={{ danger: true }} onCancel={() => setWithdrawing(false)} onOk={() => void doWithdraw()} confirmLoading={withdraw.isPending} destroyOnHidden>
        <Input.TextArea rows={2} aria-label="撤回原因" placeholder="撤回原因" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </PageShell>
  );
}
