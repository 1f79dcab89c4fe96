// One service item: what it takes and how it runs; a reviewer of the publishing range edits,
// retires or re-enables it, and a reviewer below makes the unit's own version (本地版本).
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Popconfirm, Skeleton, Space } from 'antd';
import { CopyOutlined, EditOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useRetireServiceItem, useServiceItem } from '../../api/service-items';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { KindTag, StatusTag, ToFillTag } from './service-item-tags';
import { ServiceItemView } from './service-item-view';

export function ServiceItemDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const item = useServiceItem(id);
  const retire = useRetireServiceItem();
  const canReview = useCan('services:review');
  const d = item.data;
  if (item.isPending) return <Skeleton active />;
  if (item.isError || !d) return <Alert type="error" showIcon title="未找到该服务事项" description={isApiError(item.error) ? item.error.message : undefined} />;

  async function setRetired(retired: boolean) {
    try {
      await retire.mutateAsync({ id: d!.id, version: d!.version, retired });
      void message.success(retired ? '已停用' : '已重新启用');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '操作失败，请稍后重试');
    }
  }

  const actions = canReview && (
    <Space wrap>
      {d.mine ? (
        <>
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/service-items/${encodeURIComponent(d.id)}/edit`)}>
            修改
          </Button>
          {d.status === 'active' ? (
            <Popconfirm title="停用后各单位不再受理该事项的新办件，已受理的不受影响。确定停用？" onConfirm={() => void setRetired(true)} okText="停用" cancelText="取消">
              <Button danger icon={<StopOutlined />} loading={retire.isPending}>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button icon={<UndoOutlined />} loading={retire.isPending} onClick={() => void setRetired(false)}>
              重新启用
            </Button>
          )}
        </>
      ) : (
        <Button type="primary" icon={<CopyOutlined />} onClick={() => navigate(`/service-items/new?adapt=${encodeURIComponent(d.id)}`)}>
          制定本地版本
        </Button>
      )}
    </Space>
  );

  return (
    <PageShell
      title={d.name}
      subtitle={
        <Space size={4} wrap>
          <KindTag kind={d.kind} />
          <StatusTag status={d.status} />
          <ToFillTag toFill={d.toFill} long />
        </Space>
      }
      extra={actions}
    >
      {!d.mine && canReview && d.toFill.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="item-alert"
          title="该事项由上级发布，以下内容待填写"
          description={`${d.toFill.join('、')}。可点“制定本地版本”，按本地实际补齐后发布，本单位及下级将改用本地版本。`}
        />
      )}
      <Card>
        <ServiceItemView item={d} />
      </Card>
    </PageShell>
  );
}
