// Files attached to a case (a rights case's evidence, a petition handling entry's or a 交办 reply's
// attachments): the list with download links (each download audited on the server), and a picker
// that encodes photos (downscaled in the browser) and PDFs for upload with an entry.
import { useRef, useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { CloseOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CaseFileDto } from '../../shared/schemas/cases';
import type { MaterialFileUpload } from '../../shared/schemas/application-materials';
import { encodeForUpload, FileEncodeError, formatBytes } from './file-encode';

/** The files with links to `${base}/${file id}` (opened in a new tab; the server audits the download). */
export function CaseFileList({ files, base, withTime = false }: { files: readonly CaseFileDto[]; base: string; withTime?: boolean }) {
  if (!files.length) return null;
  return (
    <div className="case-files">
      {files.map((f) => (
        <div key={f.id} className="case-file">
          <Typography.Link href={`${base}/${encodeURIComponent(f.id)}`} target="_blank" rel="noopener">
            {f.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />} {f.name}
          </Typography.Link>
          <span className="muted">
            {' '}
            {formatBytes(f.size)}
            {withTime && ` · ${dayjs(f.createdAt).format('YYYY-MM-DD HH:mm')}`}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Picks files for an entry (at most `max`), encoded for upload; the parent sends them with the entry. */
export function FilePicker({ value = [], onChange = () => undefined, max = 5, testId }: { value?: MaterialFileUpload[]; onChange?: (v: MaterialFileUpload[]) => void; max?: number; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  async function onFiles(list: FileList | null): Promise<void> {
    if (!list?.length) return;
    setBusy(true);
    try {
      const next = [...value];
      for (const file of Array.from(list)) {
        if (next.length >= max) {
          void message.warning(`最多上传 ${max} 个附件`);
          break;
        }
        const enc = await encodeForUpload(file);
        next.push({ name: enc.name.slice(0, 120), mime: enc.mime as MaterialFileUpload['mime'], dataBase64: enc.dataBase64 });
      }
      onChange(next);
    } catch (e) {
      if (e instanceof FileEncodeError) void message.error(e.message);
      else throw e;
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <div className="case-files">
      {value.map((f, n) => (
        <div key={`${f.name}-${n}`} className="case-file">
          <Space size={4}>
            {f.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
            <span>{f.name}</span>
            <Button size="small" type="text" aria-label={`移除 ${f.name}`} icon={<CloseOutlined />} onClick={() => onChange(value.filter((_, i) => i !== n))} />
          </Space>
        </div>
      ))}
      {value.length < max && (
        <Button size="small" icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()}>
          添加附件（图片或 PDF，每个不超过 3 MB）
        </Button>
      )}
      <input ref={input} type="file" accept="image/*,application/pdf" multiple hidden data-testid={testId} onChange={(e) => void onFiles(e.target.files)} />
    </div>
  );
}
