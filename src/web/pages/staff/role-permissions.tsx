// What each role grants, read from the one list in shared/permissions.ts: a line under each role
// in the role picker and a table opened from the staff page.
import { useState } from 'react';
import { Button, Modal, Table, Tag } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { isAdminRole, permissionLabels, roleLabels, rolePermissions, roles, type Role } from '../../../shared/permissions';

/** The labels of what a role grants, e.g. “查看矛盾纠纷、排查化解矛盾纠纷、查看服务对象”. */
export function roleGrantsText(role: Role): string {
  return rolePermissions[role].map((p) => permissionLabels[p]).join('、');
}

type Row = { role: Role };

export function RolePermissionsTable() {
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="role"
      dataSource={roles.map((role) => ({ role }))}
      columns={[
        { key: 'role', title: '角色', width: 140, render: (_v, r) => roleLabels[r.role] },
        {
          key: 'grants',
          title: '可以做什么',
          render: (_v, r) =>
            rolePermissions[r.role].map((p) => (
              <Tag key={p} color={isAdminRole(r.role) ? 'purple' : 'blue'} style={{ marginBottom: 2 }}>
                {permissionLabels[p]}
              </Tag>
            )),
        },
      ]}
    />
  );
}

export function RolePermissionsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)}>
        角色与权限
      </Button>
      <Modal title="各角色的权限" open={open} onCancel={() => setOpen(false)} footer={null} width={860}>
        <RolePermissionsTable />
      </Modal>
    </>
  );
}
