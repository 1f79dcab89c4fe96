// Excel 导入: download the registry ledger's template, pick the filled-in workbook, import it.
// The answer streams back (NDJSON): a progress bar while the rows are checked, then either the
// number imported or the row-by-row report of every problem — in which case nothing was
// imported, and the user fixes the file and imports it again.
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Flex, Progress, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_ERROR_CAP, IMPORT_MAX_BYTES, type ImportError, type ImportResult } from '../../../shared/schemas/ledgers';
import { importRecipients, REGISTRY_TEMPLATE_URL } from '../../api/ledgers';
import { queryClient } from '../../api/query-client';
import { recipientKeys } from '../../api/recipients';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import './imports.css';

/** About how many bytes one ledger row takes in an .xlsx (for the progress estimate). */
const BYTES_PER_ROW = 100;

type Run = { phase: 'idle' } | { phase: 'uploading' } | { phase: 'checking'; rows: number } | { phase: 'finished'; result: ImportResult } | { phase: 'error'; message: string };

const errorColumns = [
  {
    key: 'row',
    title: '行号',
    dataIndex: 'row',
    width: 110,
    render: (row: number) => (row > 0 ? `第 ${row} 行` : <Tag color="red">整个文件</Tag>),
  },
  { key: 'column', title: '列', dataIndex: 'column', width: 150, render: (c: string) => c || '—' },
  { key: 'message', title: '问题', dataIndex: 'message' },
];

export function ImportsPage() {
  const navigate = useNavigate();
  const canReview = useCan('registry:review');
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const busy = run.phase === 'uploading' || run.phase === 'checking';

  async function start(): Promise<void> {
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      setRun({ phase: 'error', message: `文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入` });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setRun({ phase: 'uploading' });
    try {
      const result = await importRecipients(
        file,
        (e) => {
          if (e.type === 'progress') setRun({ phase: 'checking', rows: e.rows });
        },
        controller.signal,
      );
      setRun({ phase: 'finished', result });
      if (result.type === 'done') void queryClient.invalidateQueries({ queryKey: recipientKeys.all });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setRun({ phase: 'idle' });
      else setRun({ phase: 'error', message: e instanceof Error ? e.message : '导入失败，请稍后重试' });
    } finally {
      abort.current = null;
    }
  }

  const estimatedRows = file ? Math.max(1, Math.round(file.size / BYTES_PER_ROW)) : 1;
  const progress = run.phase === 'checking' ? Math.min(95, Math.round((run.rows / estimatedRows) * 100)) : run.phase === 'uploading' ? 2 : 100;

  return (
    <PageShell title="Excel 导入" subtitle="按退役军人信息台账模板批量导入服务对象" className="imports-page">
      <Flex vertical gap={16} className="imports-body">
        <Card title="第一步：下载模板，按模板填写" size="small">
          <Typography.Paragraph className="imports-rules">
            每行一人。必填：<b>姓名、公民身份号码、人员类别</b>；日期写成 <b>YYYY-MM-DD</b>（如 2005-12-01）；有下拉箭头的列从列表中选择，优抚类别可填多个，用“、”分隔。
            {'所属单位填乡镇(街道)、村(社区)、网格的名称，或 12 位村(社区)代码、15 位网格代码，只能是本辖区的单位。'}
          </Typography.Paragraph>
          <Typography.Paragraph className="imports-rules">
            任何一行有错误时整个文件都不会导入，请按问题报告逐行改正后重新导入。{canReview ? '您导入的记录将直接入库。' : '导入的记录为草稿，提交县级审核后入库。'}
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} href={REGISTRY_TEMPLATE_URL} download>
            下载导入模板
          </Button>
        </Card>

        <Card title="第二步：选择填好的文件，开始导入" size="small">
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            maxCount={1}
            disabled={busy}
            fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' } as UploadFile] : []}
            beforeUpload={(f) => {
              setFile(f);
              setRun({ phase: 'idle' });
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setRun({ phase: 'idle' });
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击选择或拖入 Excel 文件（.xlsx）</p>
            <p className="ant-upload-hint">不超过 {IMPORT_MAX_BYTES / 1024 / 1024} MB；文件只在导入时上传，不会保存</p>
          </Upload.Dragger>
          <Flex gap={12} wrap align="center" className="imports-actions">
            <Button type="primary" icon={<UploadOutlined />} disabled={!file || busy} loading={busy} onClick={() => void start()}>
              开始导入
            </Button>
            {busy && <Button onClick={() => abort.current?.abort()}>取消</Button>}
          </Flex>
          {run.phase !== 'idle' && run.phase !== 'error' && (
            <div className="imports-progress" data-testid="import-progress">
              <Progress
                percent={progress}
                status={run.phase === 'finished' ? (run.result.type === 'done' ? 'success' : 'exception') : 'active'}
                showInfo={run.phase === 'finished'}
              />
              <Typography.Text type="secondary">
                {run.phase === 'uploading' && '正在上传并读取文件…'}
                {run.phase === 'checking' && `正在检查和导入：已处理 ${run.rows.toLocaleString('zh-CN')} 行`}
                {run.phase === 'finished' && `共处理 ${(run.result.type === 'done' ? run.result.imported : run.result.rows).toLocaleString('zh-CN')} 行`}
              </Typography.Text>
            </div>
          )}
        </Card>

        {run.phase === 'error' && <Alert type="error" showIcon message="导入失败" description={run.message} />}
        {run.phase === 'finished' && run.result.type === 'done' && (
          <Card size="small">
            <Result
              status="success"
              title={`成功导入 ${run.result.imported.toLocaleString('zh-CN')} 条记录`}
              subTitle={run.result.status === 'registered' ? '记录已入库。' : '记录为草稿，请在服务对象中核对后提交县级审核。'}
              extra={
                <Space wrap>
                  <Button type="primary" onClick={() => navigate('/recipients')}>
                    查看服务对象
                  </Button>
                  <Button
                    onClick={() => {
                      setFile(null);
                      setRun({ phase: 'idle' });
                    }}
                  >
                    继续导入
                  </Button>
                </Space>
              }
            />
          </Card>
        )}
        {run.phase === 'finished' && run.result.type === 'failed' && <FailureReport result={run.result} />}
      </Flex>
    </PageShell>
  );
}

function FailureReport({ result }: { result: Extract<ImportResult, { type: 'failed' }> }) {
  const rowsWithProblems = new Set(result.errors.filter((e) => e.row > 0).map((e) => e.row)).size;
  return (
    <Card size="small" title="问题报告" className="imports-report">
      <Alert
        type="error"
        showIcon
        message="没有导入任何记录"
        description={
          <>
            文件中共有 {result.errorCount.toLocaleString('zh-CN')} 处问题
            {rowsWithProblems > 0 && `（涉及 ${rowsWithProblems.toLocaleString('zh-CN')} 行${result.errorCount > result.errors.length ? '以上' : ''}）`}
            ，请按下表改正后重新导入。
            {result.errorCount > result.errors.length && `下表列出前 ${IMPORT_ERROR_CAP.toLocaleString('zh-CN')} 处。`}
          </>
        }
      />
      <Table<ImportError & { key: number }>
        className="imports-errors"
        size="small"
        columns={errorColumns}
        dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 480 }}
      />
    </Card>
  );
}
