// 证件材料: scanned certificates and photos of a recipient. Images are downscaled in the browser
// before upload; viewing opens the file (the server audits each view).
import { useRef, useState } from 'react';
import { App, Button, Empty, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { recipientApi, useUploadDocument, type DocumentDto, type DocumentUpload } from '../../api/recipients';
import { encodeForUpload, FileEncodeError, formatBytes } from '../../components/file-encode';
import { useCan } from '../../components/session';

type DocumentKind = DocumentUpload['kind'];
export const documentKindLabels: Record<DocumentKind, string> = {
  idCard: '身份证',
  dischargeCert: '退役证件',
  disabilityCert: '残疾军人证',
  survivorCert: '烈士（牺牲、病故）证明书',
  photo: '照片',
  other: '其他材料',
};

export function RecipientDocuments({
  recipientId,
  documents,
  canUpload,
}: {
  recipientId: string;
  documents: DocumentDto[];
  canUpload: boolean;
}) {
  // a scan of an ID card shows what a reveal would: viewing needs the same permission
  const canView = useCan('sensitive:reveal');
  const [kind, setKind] = useState<DocumentKind>('dischargeCert');
  const [preparing, setPreparing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadDocument();
  const { message } = App.useApp();

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    setPreparing(true);
    try {
      const enc = await encodeForUpload(file);
      await upload.mutateAsync({
        id: recipientId,
        body: { kind, name: enc.name.slice(0, 120), mime: enc.mime, dataBase64: enc.dataBase64 },
      });
      void message.success(`已上传：${enc.name}（${formatBytes(enc.size)}）`);
    } catch (e) {
      if (e instanceof FileEncodeError) void message.error(e.message);
      // API errors are shown by the query client
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
  }

  const columns: TableColumnsType<DocumentDto> = [
    {
      key: 'name',
      title: '文件',
      render: (_v, d) =>
        !canView ? (
          <span>
            {d.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />} {d.name}
          </span>
        ) : (
        <Typography.Link
          href={recipientApi.documentUrl(recipientId, d.id)}
          target="_blank"
          rel="noopener"
          className="doc-link"
        >
          {d.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />} {d.name}
        </Typography.Link>
        ),
    },
    {
      key: 'kind',
      title: '类别',
      dataIndex: 'kind',
      render: (k: string) => documentKindLabels[k as DocumentKind] ?? k,
    },
    { key: 'size', title: '大小', dataIndex: 'size', render: (n: number) => formatBytes(n), responsive: ['sm'] },
    {
      key: 'createdAt',
      title: '上传时间',
      dataIndex: 'createdAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
      responsive: ['md'],
    },
  ];

  return (
    <div className="recipient-documents">
      {canUpload && (
        <Space wrap className="no-print doc-upload">
          <Select<DocumentKind>
            aria-label="材料类别"
            value={kind}
            onChange={setKind}
            style={{ width: 200 }}
            options={(Object.keys(documentKindLabels) as DocumentKind[]).map((k) => ({ value: k, label: documentKindLabels[k] }))}
          />
          <Button icon={<UploadOutlined />} loading={preparing || upload.isPending} onClick={() => input.current?.click()}>
            上传图片或 PDF
          </Button>
          <span className="muted">照片自动压缩；PDF 不超过 3 MB</span>
          <input
            ref={input}
            type="file"
            accept="image/*,application/pdf"
            hidden
            data-testid="document-file"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </Space>
      )}
      {documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传证件材料" />
      ) : (
        <Table<DocumentDto> rowKey="id" size="small" columns={columns} dataSource={documents} pagination={false} />
      )}
    </div>
  );
}
