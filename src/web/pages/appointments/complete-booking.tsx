// 办理完成 of a booking: the application handled at it is picked from the readable applications of
// the booked item for that person (the registry person linked to the booking; a booking without
// that link lists the item's applications of the same name), or none; 新受理 opens the application
// form for that item and person. The server checks the link again (a readable application of the
// booked item).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Empty, Modal, Radio, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { AppointmentDto } from '../../../shared/schemas/appointments';
import { applicationApi } from '../../api/applications';
import { useCan } from '../../components/session';

const NONE = '';

function useLinkableApplications(a: AppointmentDto, enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'list', 'for-booking', a.itemId, a.recipientId ?? ''],
    queryFn: ({ signal }) => applicationApi.list({ itemId: a.itemId, recipientId: a.recipientId ?? undefined, pageSize: 50, sort: 'opened' }, signal),
    enabled,
    select: (p) => (a.recipientId ? p.items : p.items.filter((x) => x.recipientName === a.personName)),
  });
}

export function CompleteBookingModal({ a, open, busy, onCancel, onDone }: { a: AppointmentDto; open: boolean; busy: boolean; onCancel: () => void; onDone: (applicationId: string | null) => void }) {
  const canApply = useCan('services:write');
  const navigate = useNavigate();
  const [picked, setPicked] = useState<string>(a.applicationId ?? NONE);
  const q = useLinkableApplications(a, open);
  const newLink = `/applications/new?${new URLSearchParams({ ...(a.recipientId ? { recipient: a.recipientId, name: a.personName } : {}), item: a.itemId }).toString()}`;
  return (
    <Modal title="办理完成" open={open} okText="办结" cancelText="返回" okButtonProps={{ loading: busy }} onCancel={onCancel} onOk={() => onDone(picked || null)} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {a.personName} · {a.itemName}。如本次已受理办件，请选择以关联：
      </Typography.Paragraph>
      {!a.recipientId && <Alert type="info" showIcon style={{ marginBottom: 8 }} title="预约人未关联服务对象档案，以下按姓名列出该事项的办件" />}
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : (
        <Radio.Group value={picked} onChange={(e) => setPicked(e.target.value as string)} className="ap-link-choices" aria-label="关联办件">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Radio value={NONE}>不关联办件</Radio>
            {q.data.map((x) => (
              <Radio key={x.id} value={x.id} data-testid="link-application">
                <span>
                  {x.recipientName} · 受理 {x.openedOn} · {x.statusLabel}
                  {x.stepLabel ? `（${x.stepLabel}）` : ''}
                </span>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
      {!q.isPending && !q.isError && q.data.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该事项暂无此人的办件" />}
      {canApply && (
        <div style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => navigate(newLink)}>
            新受理
          </Button>
          <span className="muted"> 受理后回到此处办结并关联</span>
        </div>
      )}
    </Modal>
  );
}
