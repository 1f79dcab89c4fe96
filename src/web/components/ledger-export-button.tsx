// 导出台账 of a ledger with sensitive columns (the registry, petitions): the list's current filter
// as an .xlsx file. The button opens a small dialog: 脱敏导出 (the default: ID numbers and phones
// masked as on screen) or, for a role that holds sensitive:export, 明文导出 with a required 用途
// (2–200 characters). The server checks the choice again, marks a clear file with the user and the
// time, and audits every export with its row count (and purpose). Other files with sensitive columns
// (a payment batch's bank transfer file) take the same dialog with their own path and label.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { EXPORT_PURPOSE_MAX, EXPORT_PURPOSE_MIN } from '../../shared/schemas/sensitive-export';
import { buildQuery } from '../api/client';
import { downloadLedger, ledgerParams } from '../api/ledgers';
import type { RecordParams } from './record-table';
import { useCan } from './session';

type Choice = { mode: 'masked' | 'clear'; purpose?: string };

export function LedgerExportButton({
  params = {},
  path = '/api/ledgers/recipients',
  fallbackName = '退役军人信息台账.xlsx',
  label = '导出台账',
  maskedHint = '身份证号、电话等按屏幕显示方式遮盖',
}: {
  params?: RecordParams;
  /** the export's URL without the query */
  path?: string;
  fallbackName?: string;
  /** the button's and the dialog's title */
  label?: string;
  /** what the masked file hides */
  maskedHint?: string;
}) {
  const { message } = App.useApp();
  const mayClear = useCan('sensitive:export');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Choice>();
  const mode = Form.useWatch('mode', form);

  async function exportWith(choice: Choice) {
    setBusy(true);
    try {
      const clear = choice.mode === 'clear' ? { unmasked: '1', purpose: (choice.purpose ?? '').trim() } : {};
      const name = await downloadLedger(`${path}${buildQuery({ ...ledgerParams(params), ...clear })}`, fallbackName);
      void message.success(`已导出：${name}`);
      setOpen(false);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : '导出失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        onClick={() => setOpen(true)}
      >
        {label}
      </Button>
      <Modal
        title={label}
        open={open}
        okText="导出"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void form.validateFields().then(exportWith, () => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ mode: 'masked' }} preserve={false}>
          <Form.Item name="mode" label="导出方式">
            <Radio.Group>
              <Radio value="masked">脱敏导出（{maskedHint}）</Radio>
              {mayClear && <Radio value="clear">明文导出（含敏感信息）</Radio>}
            </Radio.Group>
          </Form.Item>
          {mode === 'clear' && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message="明文导出的文件带有导出人与导出时间，并记入审计日志。请仅在用途范围内使用，妥善保管，用后及时删除。"
              />
              <Form.Item
                name="purpose"
                label="用途"
                rules={[
                  { required: true, whitespace: true, message: '请填写导出用途' },
                  { min: EXPORT_PURPOSE_MIN, max: EXPORT_PURPOSE_MAX, message: `用途须为 ${EXPORT_PURPOSE_MIN}～${EXPORT_PURPOSE_MAX} 个字` },
                ]}
              >
                <Input.TextArea rows={2} maxLength={EXPORT_PURPOSE_MAX} showCount placeholder="如：核对本年度优待金发放名单" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
