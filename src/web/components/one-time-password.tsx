// Shows a one-time password to hand to a person. It is shown once and never stored.
import { Alert, Modal, Typography } from 'antd';

type Props = {
  open: boolean;
  password: string;
  /** who it is for, e.g. "张三（zhangsan）" */
  forWhom: string;
  title?: string;
  onClose: () => void;
};

export function OneTimePasswordModal({ open, password, forWhom, title, onClose }: Props) {
  return (
    <Modal
      open={open}
      title={title ?? '初始密码'}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        请将以下一次性密码交给 <Typography.Text strong>{forWhom}</Typography.Text>。对方首次登录时必须修改密码。
      </Typography.Paragraph>
      <div className="one-time-password">
        <Typography.Text copyable={{ text: password, tooltips: ['复制', '已复制'] }} code data-testid="one-time-password">
          {password}
        </Typography.Text>
      </div>
      <Alert type="warning" showIcon title="此密码只显示这一次，关闭后无法再次查看；如遗失请重置密码。" />
    </Modal>
  );
}
