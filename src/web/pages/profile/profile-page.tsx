// 个人中心: own account, change password, TOTP status and enrolment.
import { useState } from 'react';
import { App, Button, Col, Descriptions, Modal, Row, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { roleLabels } from '../../../shared/permissions';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { ChangePasswordForm } from '../../components/change-password-form';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { TotpEnrol } from '../../components/totp-enrol';

export function ProfilePage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [enrolling, setEnrolling] = useState(false);

  return (
    <PageShell title="个人中心">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <div className="panel">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              本人信息
            </Typography.Title>
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'displayName', label: '姓名', children: me.displayName },
                { key: 'username', label: '用户名', children: <span className="mono">{me.username}</span> },
                {
                  key: 'unit',
                  label: '所属单位',
                  children: `${me.orgUnit.name}（${orgLevelLabels[me.orgUnit.level]} · ${me.orgUnit.code}）`,
                },
                {
                  key: 'roles',
                  label: '角色',
                  children: me.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {roleLabels[r]}
                    </Tag>
                  )),
                },
                {
                  key: 'totp',
                  label: '动态口令',
                  children: me.totpEnabled ? (
                    <Tag color="green" icon={<SafetyOutlined />}>
                      已绑定
                    </Tag>
                  ) : (
                    <span>
                      <Tag>未绑定</Tag>
                      <Button size="small" type="link" onClick={() => setEnrolling(true)}>
                        立即绑定
                      </Button>
                    </span>
                  ),
                },
                {
                  key: 'idle',
                  label: '空闲自动退出',
                  children: `${Math.round(me.idleTimeoutSeconds / 60)} 分钟无操作后自动退出登录`,
                },
              ]}
            />
          </div>
        </Col>
        <Col xs={24} xl={10}>
          <div className="panel">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              修改密码
            </Typography.Title>
            <ChangePasswordForm me={me} onDone={() => void message.success('密码已修改')} />
          </div>
        </Col>
      </Row>
      <Modal
        open={enrolling}
        title="绑定动态口令"
        footer={null}
        onCancel={() => setEnrolling(false)}
        destroyOnHidden
      >
        <TotpEnrol
          onDone={() => {
            setEnrolling(false);
            void message.success('动态口令已绑定，下次登录时需要输入动态码');
          }}
        />
      </Modal>
    </PageShell>
  );
}
