// 导出台账: the registry ledger (.xlsx) of the list's current filter, downloaded as a file.
// ID numbers and phones come masked unless the role may export them in clear; the server
// audits every export and refuses more than EXPORT_MAX_ROWS rows with a message.
import { useState } from 'react';
import { App, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { downloadRecipientLedger } from '../api/ledgers';
import type { RecordParams } from './record-table';

export function LedgerExportButton({ params }: { params: RecordParams }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const name = await downloadRecipientLedger(params);
          void message.success(`已导出：${name}`);
        } catch (e) {
          void message.error(e instanceof Error ? e.message : '导出失败，请稍后重试');
        } finally {
          setBusy(false);
        }
      }}
    >
      导出台账
    </Button>
  );
}
