// 案件材料 of a legal-aid case (Part 10 二): the scans and photos uploaded for it (photos are
// downscaled in the browser, PDFs go as they are); opening one needs sensitive:reveal and is
// audited on the server. Uploads stop once the case is closed.
import { useRef, useState } from 'react';
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { LegalAidDetail, LegalAidFileDto } from '../../../shared/schemas/legal-aid';
import { api, get, isApiError, post } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { encodeForUpload, FileEncodeError, formatBytes } from '../../components/file-encode';
import { useCan } from '../../components/session';

const filesPath = (id: string) => `/api/legal-aid/${encodeURIComponent(id)}/files`;
const filesKey = (id: string) => ['legal-aid', 'files', id] as const;

export function LegalAidMaterials({ c }: { c: LegalAidDetail }) {
  const canWrite = useCan('legalAid:write') && c.status !== 'closed';
  // a scan of an ID card shows what a reveal would: opening needs the same permission
  const canView = useCan('sensitive:reveal');
  // a wrong upload is deleted by the registering unit before the referral hands the materials on (the server decides)
  const mayDelete = canWrite && c.status === 'registered';
  const remove = useMutation({
    mutationFn: (fileId: string) => api<{ items: LegalAidFileDto[] }>(`${filesPath(c.id)}/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
    onSuccess: (d) => queryClient.setQueryData(filesKey(c.id), d),
  });
  const q = useQuery({ queryKey: filesKey(c.id), queryFn: ({ signal }) => get<{ items: LegalAidFileDto[] }>(filesPath(c.id), undefined, signal) });
  const upload = useMutation({
    mutationFn: (body: { name: string; mime: string; dataBase64: string }) => post<LegalAidFileDto>(filesPath(c.id), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: filesKey(c.id) }),
  });
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const files = q.data?.items ?? [];

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

  return (
    <Card
      title={`案件材料（${files.length}）`}
      className="legal-aid-section no-print"
      extra={
        canWrite && (
          <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
            上传材料
          </Button>
        )
      }
    >
      {files.length === 0 ? (
        <div className="muted">尚未上传案件材料（身份证件、退伍证、与事项有关的合同、证据等）</div>
      ) : (
        files.map((f) => {
          const icon = f.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />;
          return (
            <div key={f.id} className="legal-aid-entry">
              {canView ? (
                <Typography.Link href={`${filesPath(c.id)}/${encodeURIComponent(f.id)}`} target="_blank" rel="noopener">
                  {icon} {f.name}
                </Typography.Link>
              ) : (
                <span>
                  {icon} {f.name}
                </span>
              )}
              <span className="muted">
                {' '}
                {formatBytes(f.size)} · {dayjs(f.createdAt).format('YYYY-MM-DD HH:mm')}
              </span>
              {mayDelete && (
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
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.name}`}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </div>
          );
        })
      )}
      <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="legal-aid-file" onChange={(e) => void onFile(e.target.files?.[0])} />
    </Card>
  );
}
