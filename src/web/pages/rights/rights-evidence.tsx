// 证据材料 of a rights case (Part 9 三(三)): scans and photos uploaded while the case is open, listed
// for whoever reads the case; each download is audited on the server.
import { useRef, useState } from 'react';
import { App, Button, Card } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { RightsDetail, RightsEvidenceDto } from '../../../shared/schemas/rights';
import { isApiError, post } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { rightsKeys } from '../../api/rights';
import { CaseFileList } from '../../components/case-files';
import { encodeForUpload, FileEncodeError, formatBytes } from '../../components/file-encode';
import { useCan } from '../../components/session';

const filesPath = (id: string) => `/api/rights/${encodeURIComponent(id)}/files`;

export function RightsEvidence({ c }: { c: RightsDetail }) {
  const canWrite = useCan('rights:write') && (c.status === 'verifying' || c.status === 'supervising');
  const upload = useMutation({
    mutationFn: (body: { name: string; mime: string; dataBase64: string }) => post<RightsEvidenceDto>(filesPath(c.id), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rightsKeys.detail(c.id) }),
  });
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    setBusy(true);
    try {
      const enc = await encodeForUpload(file);
      await upload.mutateAsync({ name: enc.name.slice(0, 120), mime: enc.mime, dataBase64: enc.dataBase64 });
      void message.success(`已上传：${enc.name}（${formatBytes(enc.size)}）`);
    } catch (e) {
      if (e instanceof FileEncodeError || isApiError(e)) void message.error(e.message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <Card
      title={`证据材料（${c.evidence.length}）`}
      className="rights-section no-print"
      data-testid="rights-evidence"
      extra={
        canWrite && (
          <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
            上传证据
          </Button>
        )
      }
    >
      {c.evidence.length === 0 ? <div className="muted">尚未上传证据材料（合同、通知、证明、照片等）</div> : <CaseFileList files={c.evidence} base={filesPath(c.id)} withTime />}
      <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="rights-evidence-file" onChange={(e) => void onFile(e.target.files?.[0])} />
    </Card>
  );
}
