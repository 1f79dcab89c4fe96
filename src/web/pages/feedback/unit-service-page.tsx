// 服务承诺与服务监督员 of a unit (seed Part 1 四(一)(二)): an ordered list of commitments and the
// supervisors (name, role or affiliation, public phone), shown on the unit's public page and its
// 便民服务卡. The caller's own unit by default, or a unit of the range.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { useSaveCommitments, useSaveSupervisors, useUnitService } from '../../api/portal';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';

type Supervisor = { name: string; affiliation: string; phone: string };

function move<T>(list: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

export function UnitServicePage() {
  const me = useCurrentUser();
  const [unitId, setUnitId] = useState<string>(me.orgUnit.id);
  const q = useUnitService(unitId);
  const canWrite = useCan('feedback:write');
  const saveC = useSaveCommitments();
  const saveS = useSaveSupervisors();
  const { message } = App.useApp();
  const [commitments, setCommitments] = useState<string[]>([]);
  const [supervisors, setSupervisors] = useState<Supervisor[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) {
      setCommitments(q.data.commitments);
      setSupervisors(q.data.supervisors);
    }
  }, [q.data]);
  const fail = (e: unknown) => setError(isApiError(e) ? e.message : '保存失败，请稍后重试');

  return (
    <PageShell
      title="服务承诺与监督员"
      subtitle="在本单位公开页面和便民服务卡上公布的服务承诺与服务监督员"
      extra={
        <Space wrap>
          <OrgUnitSelect value={unitId} onChange={(id) => id && setUnitId(id)} style={{ width: 240, maxWidth: '100%' }} aria-label="单位" />
          <Button icon={<LinkOutlined />} href={`/public/units/${encodeURIComponent(unitId)}`} target="_blank">
            查看公开页面
          </Button>
          <Button href={`/public/units/${encodeURIComponent(unitId)}/card`} target="_blank">
            便民服务卡
          </Button>
        </Space>
      }
    >
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '读取失败'} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
          <Card title={`服务承诺（${q.data.orgUnitName}）`}>
            {commitments.map((c, i) => (
              <Space.Compact key={i} style={{ width: '100%', marginBottom: 8 }}>
                <Input value={c} maxLength={200} disabled={!canWrite} aria-label={`承诺 ${i + 1}`} onChange={(e) => setCommitments(commitments.map((x, k) => (k === i ? e.target.value : x)))} />
                {canWrite && (
                  <>
                    <Button icon={<ArrowUpOutlined />} aria-label="上移" onClick={() => setCommitments(move(commitments, i, -1))} />
                    <Button icon={<ArrowDownOutlined />} aria-label="下移" onClick={() => setCommitments(move(commitments, i, 1))} />
                    <Button icon={<DeleteOutlined />} aria-label="删除" danger onClick={() => setCommitments(commitments.filter((_, k) => k !== i))} />
                  </>
                )}
              </Space.Compact>
            ))}
            {commitments.length === 0 && <Typography.Paragraph type="secondary">暂无服务承诺</Typography.Paragraph>}
            {canWrite && (
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => setCommitments([...commitments, ''])}>
                  添加一条
                </Button>
                <Button
                  type="primary"
                  loading={saveC.isPending}
                  onClick={() => {
                    setError(null);
                    saveC.mutate({ unitId, items: commitments }, { onSuccess: () => void message.success('服务承诺已保存'), onError: fail });
                  }}
                >
                  保存服务承诺
                </Button>
              </Space>
            )}
          </Card>
          <Card title="服务监督员">
            {supervisors.map((s, i) => (
              <Form layout="inline" key={i} style={{ marginBottom: 8, rowGap: 8 }}>
                <Form.Item>
                  <Input value={s.name} placeholder="姓名" maxLength={30} disabled={!canWrite} aria-label={`监督员 ${i + 1} 姓名`} style={{ width: 110 }} onChange={(e) => setSupervisors(supervisors.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} />
                </Form.Item>
                <Form.Item>
                  <Input value={s.affiliation} placeholder="身份或单位，如：退役军人、村民代表" maxLength={60} disabled={!canWrite} aria-label={`监督员 ${i + 1} 身份`} style={{ width: 240 }} onChange={(e) => setSupervisors(supervisors.map((x, k) => (k === i ? { ...x, affiliation: e.target.value } : x)))} />
                </Form.Item>
                <Form.Item>
                  <Input value={s.phone} placeholder="公开联系电话" maxLength={20} inputMode="tel" disabled={!canWrite} aria-label={`监督员 ${i + 1} 电话`} style={{ width: 150 }} onChange={(e) => setSupervisors(supervisors.map((x, k) => (k === i ? { ...x, phone: e.target.value } : x)))} />
                </Form.Item>
                {canWrite && <Button icon={<DeleteOutlined />} aria-label="删除" danger onClick={() => setSupervisors(supervisors.filter((_, k) => k !== i))} />}
              </Form>
            ))}
            {supervisors.length === 0 && <Typography.Paragraph type="secondary">暂无服务监督员</Typography.Paragraph>}
            {canWrite && (
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => setSupervisors([...supervisors, { name: '', affiliation: '', phone: '' }])}>
                  添加监督员
                </Button>
                <Button
                  type="primary"
                  loading={saveS.isPending}
                  onClick={() => {
                    setError(null);
                    saveS.mutate({ unitId, items: supervisors }, { onSuccess: () => void message.success('服务监督员已保存'), onError: fail });
                  }}
                >
                  保存监督员
                </Button>
              </Space>
            )}
          </Card>
          {q.data.updatedAt && (
            <Typography.Text type="secondary">
              最近由 {q.data.updatedByName} 于 {q.data.updatedAt.slice(0, 10)} 更新
            </Typography.Text>
          )}
        </Space>
      )}
    </PageShell>
  );
}
