// 证明材料 of an assistance application: the files uploaded (上传 a scan or photo: photos are
// downscaled in the browser, PDFs go as they are), until the decision. Opening one needs
// sensitive:reveal and is audited on the server.
import { useRef, useState } from 'react';
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { EvidenceFilesDto } from '../../../shared/schemas/assistance';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { api, get, isApiError, post } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { encodeForUpload, FileEncodeError, formatBytes } from '../../components/file-encode';
import { useCan } from '../../components/session';

const key = (id: string) => ['assistance', 'files', id] as const;
const url = (id: string) => `/api/assistance/${encodeURIComponent(id)}/files`;

export function AidEvidence({ id }: { id: string }) {
  const canWrite = useCan('assistance:write');
  // a wrongly uploaded file is deleted by the owning unit (or one above it) before the decision
  const mayDelete = canWrite;
  const remove = useMutation({
    mutationFn: (fileId: string) => api<EvidenceFilesDto>(`${url(id)}/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
    onSuccess: (d) => queryClient.setQueryData(key(id), d),
  });
  const canView = useCan('sensitive:reveal');
  const q = useQuery({ queryKey: key(id), queryFn: ({ signal }) => get<EvidenceFilesDto>(url(id), undefined, signal) });
  const upload = useMutation({ mutationFn: (body: MaterialFileUpload) => post<EvidenceFilesDto>(url(id), body), onSuccess: (d) => queryClient.setQueryData(key(id), d) });
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const open = q.data?.open ?? false;
  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    setBusy(true);
    try {
      const enc = await encodeForUpload(file);
      await upload.mutateAsync({ name: enc.name.slice(0, 120), mime: enc.mime, dataBase64: enc.dataBase64 });
      void message.success(`已上传：${enc.name}（${formatBytes(enc.size)}）`);
    } catch (e) {
      if (e instanceof FileEncodeError) void message.error(e.message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  const files = q.data?.items ?? [];
  return (
    <Card
      title="证明材料"
      className="aid-section"
      extra={
        canWrite &&
        open && (
          <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} className="no-print">
            上传
          </Button>
        )
      }
    >
      {files.length === 0 ? (
        <div className="muted">尚无证明材料（可上传收入证明、病历、事故证明等的扫描件或照片，不超过 3 MB）</div>
      ) : (
        files.map((f) => (
          <div key={f.id} className="aid-entry" data-testid="evidence-file">
            {canView ? (
              <Typography.Link href={`${url(id)}/${encodeURIComponent(f.id)}`} target="_blank" rel="noopener">
                {f.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />} {f.name}
              </Typography.Link>
            ) : (
              <span>{f.name}</span>
            )}
            <span className="muted">
              {' '}
              {formatBytes(f.size)} · {dayjs(f.createdAt).format('YYYY-MM-DD HH:mm')}
            </span>
            {mayDelete && open && (
              <Popconfirm
                title={`删除“${f.name}”？`}
                description="只删除误传的材料：删除后不能恢复，操作记入审计日志。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() =>
                  remove
                    .mutateAsync(f.id)
                    .then(() => void message.success(`已删除：${f.name}`))
                    .catch((e: unknown) => void message.error(isApiError(e) ? e.message : '删除失败，请稍后重试'))
                }
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} className="no-print" aria-label={`删除 ${f.name}`}>
                  删除
                </Button>
              </Popconfirm>
            )}
          </div>
        ))
      )}
      <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="evidence-input" onChange={(e) => void onFile(e.target.files?.[0])} />
    </Card>
  );
}
