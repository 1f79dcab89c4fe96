// 材料清单 of an application: each material with whether it was received, and the files uploaded
// for it (上传 a scan or photo: photos are downscaled in the browser, PDFs go as they are; 查看
// lists them — opening one is audited on the server). An upload does not tick the checklist:
// 补正材料 does, so the files are what the worker looks at before ticking.
import { useRef, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ApplicationDetail } from '../../../shared/schemas/applications';
import type { MaterialFileDto } from '../../../shared/schemas/application-materials';
import { materialFileApi, useMaterialFiles, useRemoveMaterialFile, useUploadMaterialFile } from '../../api/application-materials';
import { encodeForUpload, FileEncodeError, formatBytes } from '../../components/file-encode';
import { useCan } from '../../components/session';

function FileRow({ appId, f, canView, canRemove }: { appId: string; f: MaterialFileDto; canView: boolean; canRemove: boolean }) {
  const remove = useRemoveMaterialFile(appId);
  const { message } = App.useApp();
  const icon = f.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />;
  return (
    <li className="app-file">
      {canView ? (
        <Typography.Link href={materialFileApi.fileUrl(appId, f.id)} target="_blank" rel="noopener">
          {icon} {f.name}
        </Typography.Link>
      ) : (
        <span>
          {icon} {f.name}
        </span>
      )}
      <span className="muted">
        {formatBytes(f.size)} · {dayjs(f.createdAt).format('YYYY-MM-DD HH:mm')}
      </span>
      {canRemove && (
        <Popconfirm title={`删除“${f.name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove.mutateAsync(f.id).then(() => void message.success('已删除'))}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.name}`} loading={remove.isPending} />
        </Popconfirm>
      )}
    </li>
  );
}

export function ApplicationMaterials({ d }: { d: ApplicationDetail }) {
  const canWrite = useCan('services:write');
  // a scan of an ID card shows what a reveal would: opening needs the same permission
  const canView = useCan('sensitive:reveal');
  const q = useMaterialFiles(d.id);
  const upload = useUploadMaterialFile(d.id);
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<number | null>(null);
  const [shown, setShown] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState<number | null>(null);
  const open = q.data?.open ?? false;
  const files = q.data?.items ?? [];

  function pick(index: number): void {
    setTarget(index);
    input.current?.click();
  }
  function toggle(index: number): void {
    setShown((s) => {
      const n = new Set(s);
      if (n.has(index)) n.delete(index);
      else n.add(index);
      return n;
    });
  }
  async function onFile(file: File | undefined): Promise<void> {
    const index = target;
    if (!file || index === null) return;
    setBusy(index);
    try {
      const enc = await encodeForUpload(file);
      await upload.mutateAsync({ index, body: { name: enc.name.slice(0, 120), mime: enc.mime, dataBase64: enc.dataBase64 } });
      setShown((s) => new Set(s).add(index));
      void message.success(`已上传：${enc.name}（${formatBytes(enc.size)}）`);
    } catch (e) {
      if (e instanceof FileEncodeError) void message.error(e.message);
      // API errors are shown by the query client
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <Card size="small" className="app-card app-materials" title="材料清单">
      <ul className="app-material-list">
        {d.materials.map((m, i) => {
          const mine = files.filter((f) => f.materialIndex === i);
          return (
            <li key={`${i}-${m.name}`} className="app-material" data-testid={`material-${i}`}>
              <div className="app-material-head">
                <span className="app-material-name">
                  {m.received ? <Tag color="green">已收</Tag> : <Tag color={m.required ? 'red' : 'default'}>{m.required ? '缺' : '未收'}</Tag>}
                  {m.name}
                </span>
                <Space size={4} className="no-print">
                  {canWrite && open && (
                    <Button size="small" icon={<UploadOutlined />} loading={busy === i} onClick={() => pick(i)} aria-label={`上传 ${m.name}`}>
                      上传
                    </Button>
                  )}
                  <Button size="small" type="link" disabled={mine.length === 0} onClick={() => toggle(i)} aria-label={`查看 ${m.name}`}>
                    查看{mine.length ? `（${mine.length}）` : ''}
                  </Button>
                </Space>
              </div>
              {shown.has(i) && mine.length > 0 && (
                <ul className="app-files">
                  {mine.map((f) => (
                    <FileRow key={f.id} appId={d.id} f={f} canView={canView} canRemove={canWrite && open} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {canWrite && open && <div className="muted app-material-hint">可上传图片或 PDF（照片自动压缩，不超过 3 MB）；上传不改变“已收”状态，补齐后在“补正材料”中勾选。</div>}
      <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="material-file" onChange={(e) => void onFile(e.target.files?.[0])} />
    </Card>
  );
}
