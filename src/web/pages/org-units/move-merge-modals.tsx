// 移动 (change the parent) and 合并到… (merge into another unit of the same level).
import { useState } from 'react';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { orgLevelLabels, orgLevels, type OrgUnitDto } from '../../../shared/schemas/org-units';
import { useMergeOrgUnit, useMoveOrgUnit } from '../../api/org-units';
import { OrgUnitSelect, unitTitle } from '../../components/org-unit-select';

type Props = { unit: OrgUnitDto | null; onClose: () => void; onDone: (unit: OrgUnitDto) => void };

export function MoveOrgUnitModal({ unit, onClose, onDone }: Props) {
  const [parentId, setParentId] = useState<string>();
  const [parentName, setParentName] = useState('');
  const move = useMoveOrgUnit();
  const { message } = App.useApp();
  const parentLevel = unit ? orgLevels[orgLevels.indexOf(unit.level) - 1] : undefined;

  function close(): void {
    setParentId(undefined);
    onClose();
  }

  return (
    <Modal
      open={!!unit}
      title={unit ? `移动：${unit.name}` : ''}
      okText="移动"
      okButtonProps={{ disabled: !parentId, loading: move.isPending }}
      onCancel={close}
      onOk={() => {
        if (!unit || !parentId) return;
        move.mutate(
          { id: unit.id, newParentId: parentId },
          {
            onSuccess: (u) => {
              void message.success(`已移动到“${parentName}”下`);
              setParentId(undefined);
              onDone(u);
            },
          },
        );
      }}
      destroyOnHidden
    >
      {unit && parentLevel && (
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">
            将本单位连同其下级、人员和记录一起移到另一个{orgLevelLabels[parentLevel]}下。
          </Typography.Paragraph>
          <Form.Item label={`新的上级（${orgLevelLabels[parentLevel]}）`} required>
            <OrgUnitSelect
              value={parentId}
              onChange={(id, u) => {
                setParentId(id);
                setParentName(u?.name ?? '');
              }}
              selectableLevels={[parentLevel]}
              disabledIds={[unit.id, ...(unit.parentId ? [unit.parentId] : [])]}
              placeholder={`选择${orgLevelLabels[parentLevel]}，可输入名称搜索`}
            />
          </Form.Item>
        </Form>
      )}
      {unit && !parentLevel && <Alert type="info" title="最高层级的单位不能移动。" />}
    </Modal>
  );
}

export function MergeOrgUnitModal({ unit, onClose, onDone }: Props) {
  const [target, setTarget] = useState<OrgUnitDto>();
  const [targetId, setTargetId] = useState<string>();
  const merge = useMergeOrgUnit();
  const { message, modal } = App.useApp();

  function close(): void {
    setTargetId(undefined);
    setTarget(undefined);
    onClose();
  }

  function confirm(): void {
    if (!unit || !targetId) return;
    const targetName = target ? unitTitle(target) : '目标单位';
    modal.confirm({
      title: '确认合并？',
      content: `“${unit.name}”将并入“${targetName}”：其下级、人员和记录转入目标单位，本单位停用。此操作不能撤销。`,
      okText: '确认合并',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        new Promise<void>((resolve) => {
          merge.mutate(
            { id: unit.id, targetId },
            {
              onSuccess: (t) => {
                void message.success(`已合并到“${t.name}”`);
                setTargetId(undefined);
                setTarget(undefined);
                onDone(t);
              },
              onSettled: () => resolve(),
            },
          );
        }),
    });
  }

  return (
    <Modal
      open={!!unit}
      title={unit ? `合并：${unit.name}` : ''}
      okText="合并…"
      okButtonProps={{ disabled: !targetId, danger: true, loading: merge.isPending }}
      onCancel={close}
      onOk={confirm}
      destroyOnHidden
    >
      {unit && (
        <Form layout="vertical">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="用于行政区划调整（撤并村、乡镇）。合并后本单位停用，不能撤销。"
          />
          <Form.Item label={`合并到（同为${orgLevelLabels[unit.level]}）`} required>
            <OrgUnitSelect
              value={targetId}
              onChange={(id, u) => {
                setTargetId(id);
                setTarget(u);
              }}
              selectableLevels={[unit.level]}
              disabledIds={[unit.id]}
              placeholder={`选择${orgLevelLabels[unit.level]}，可输入名称搜索`}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
