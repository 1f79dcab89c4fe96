// 消息通知: the user's own notifications (newest first, by kind, unread only, mark read when opened,
// all read), their preferences per kind (in the app, in the daily digest, to the unit's 企业微信
// group), and — for a unit head or a system admin — the unit's group-robot webhook.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Checkbox, Empty, Flex, Form, Input, List, Pagination, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { notificationKindLabels, notificationKinds, type NotificationDto, type NotificationKind, type PreferenceDto } from '../../../shared/schemas/notifications';
import { notificationApi, notificationKeys, useMarkAllRead, useMarkRead, usePreferences, useSavePreferences, useSaveWebhook, useWebhook } from '../../api/notifications';
import { PageShell } from '../../components/page-shell';
import { holds, useCurrentUser } from '../../components/session';
import './notifications.css';

const kindColors: Record<NotificationKind, string> = { waiting: 'blue', returned: 'orange', dueSoon: 'gold', overdue: 'red', digest: 'default' };

function NotificationList() {
  const navigate = useNavigate();
  const [kind, setKind] = useState<NotificationKind | 'all'>('all');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const params = { page, pageSize, kind: kind === 'all' ? undefined : kind, unread: unreadOnly ? 'true' : undefined };
  const q = useQuery({ queryKey: [...notificationKeys.list, params], queryFn: ({ signal }) => notificationApi.list(params, signal) });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const { message } = App.useApp();

  const open = (n: NotificationDto) => {
    if (!n.read) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  return (
    <>
      <Flex wrap gap={8} align="center" className="notif-filters">
        <Select<NotificationKind | 'all'>
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          style={{ width: 140 }}
          aria-label="消息类型"
          options={[{ value: 'all', label: '全部类型' }, ...notificationKinds.map((k) => ({ value: k, label: notificationKindLabels[k] }))]}
        />
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setPage(1);
          }}
        >
          只看未读
        </Checkbox>
        <div className="notif-spacer" />
        <Button loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onSuccess: (r) => void message.success(r.updated ? `已将 ${r.updated} 条标为已读` : '没有未读消息') })}>
          全部标为已读
        </Button>
      </Flex>
      <List<NotificationDto>
        className="notif-list"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有消息" /> }}
        renderItem={(n) => (
          <List.Item
            className={n.read ? 'notif-item' : 'notif-item notif-unread'}
            data-testid="notification-item"
            actions={n.read ? [] : [<Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)}>标为已读</Button>]}
          >
            <List.Item.Meta
              avatar={<Badge dot={!n.read} offset={[-2, 2]}><Tag color={kindColors[n.kind]}>{n.kindLabel}</Tag></Badge>}
              title={
                n.link ? (
                  <Typography.Link onClick={() => open(n)} strong={!n.read}>
                    {n.title}
                  </Typography.Link>
                ) : (
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                )
              }
              description={
                <>
                  {n.body && <div className="notif-body">{n.body}</div>}
                  <div className="muted notif-time">{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
      {(q.data?.total ?? 0) > pageSize && (
        <Flex justify="flex-end" className="notif-pager">
          <Pagination current={page} pageSize={pageSize} total={q.data?.total ?? 0} onChange={setPage} showSizeChanger={false} size="small" showTotal={(t) => `共 ${t} 条`} />
        </Flex>
      )}
    </>
  );
}

function Preferences() {
  const q = usePreferences();
  const save = useSavePreferences();
  const { message } = App.useApp();
  const change = (p: PreferenceDto, field: 'inApp' | 'digest' | 'webhook', value: boolean) =>
    save.mutate({ items: [{ kind: p.kind, inApp: p.inApp, digest: p.digest, webhook: p.webhook, [field]: value }] }, { onSuccess: () => void message.success('已保存') });
  const sw = (field: 'inApp' | 'digest' | 'webhook', label: string) => (_: unknown, p: PreferenceDto) =>
    p.kind === 'digest' && field === 'digest' ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Switch size="small" checked={p[field]} aria-label={`${p.kindLabel}${label}`} onChange={(v) => change(p, field, v)} disabled={save.isPending} />
    );
  return (
    <>
      <Typography.Paragraph type="secondary">关闭“站内提醒”后该类消息不再出现在铃铛中；“每日汇总”每天上午汇总未读消息；“企业微信群”指推送到本单位设置的企业微信群机器人（不含个人信息；每日汇总默认不推送，打开后每天随本单位汇总推送您的未读条数）。</Typography.Paragraph>
      <Table<PreferenceDto>
        rowKey="kind"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          { key: 'kind', title: '消息类型', dataIndex: 'kindLabel' },
          { key: 'inApp', title: '站内提醒', render: sw('inApp', '站内提醒') },
          { key: 'digest', title: '每日汇总', render: sw('digest', '每日汇总') },
          { key: 'webhook', title: '企业微信群', render: sw('webhook', '企业微信群') },
        ]}
      />
    </>
  );
}

function UnitWebhook({ unitId, unitName }: { unitId: string; unitName: string }) {
  const q = useWebhook(unitId, true);
  const save = useSaveWebhook(unitId);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ url: string }>();
  const w = q.data;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {unitName}的企业微信群机器人推送地址：待办、退回与到期提醒将以 markdown 消息推送到该群（不含姓名、身份证号、电话）。地址保存后只显示部分。
      </Typography.Paragraph>
      <Typography.Paragraph>
        当前：{w?.configured ? <Tag color="green">{w.urlHint}</Tag> : <Tag>未设置</Tag>}
        {w?.updatedAt && <span className="muted">（{dayjs(w.updatedAt).format('YYYY-MM-DD HH:mm')} 设置）</span>}
      </Typography.Paragraph>
      {w?.mayChange && (
        <Form
          form={form}
          layout="vertical"
          className="notif-webhook-form"
          onFinish={(v) =>
            save.mutate(v.url.trim(), {
              onSuccess: (r) => {
                form.resetFields();
                void message.success(r.configured ? '推送地址已保存' : '推送地址已删除');
              },
              onError: (e) => void message.error(e.message),
            })
          }
        >
          <Form.Item name="url" label="推送地址（Webhook）" rules={[{ pattern: /^(https?:\/\/\S+)?$/i, message: '推送地址须以 http:// 或 https:// 开头' }]}>
            <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" autoComplete="off" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            {w.configured && (
              <Button danger onClick={() => save.mutate('', { onSuccess: () => void message.success('推送地址已删除') })}>
                删除推送地址
              </Button>
            )}
          </Space>
        </Form>
      )}
    </>
  );
}

export function NotificationsPage() {
  const me = useCurrentUser();
  const [tab, setTab] = useState('list');
  const mayWebhook = holds(me.permissions, ['unit:head', 'staff:write']);
  const tabs = [
    { key: 'list', label: '消息', children: <NotificationList /> },
    { key: 'preferences', label: '消息设置', children: <Preferences /> },
    ...(mayWebhook ? [{ key: 'webhook', label: '单位推送', children: <UnitWebhook unitId={me.orgUnit.id} unitName={me.orgUnit.name} /> }] : []),
  ];
  return (
    <PageShell title="消息通知" subtitle="待您处理、退回、即将到期与超期提醒，每日汇总">
      <Tabs className="notif-tabs" activeKey={tab} onChange={setTab} items={tabs} />
    </PageShell>
  );
}
