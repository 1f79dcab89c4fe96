// The module's sections as buttons on each list page.
import { useNavigate } from 'react-router';
import { Button, Space } from 'antd';

const sections = [
  { path: '/evaluations', label: '考评' },
  { path: '/evaluations/sets', label: '指标体系' },
  { path: '/evaluations/rectifications', label: '整改事项' },
];

export function EvaluationsNav({ current }: { current: string }) {
  const navigate = useNavigate();
  return (
    <Space wrap>
      {sections.map((s) => (
        <Button key={s.path} type={s.path === current ? 'primary' : 'default'} ghost={s.path === current} onClick={() => navigate(s.path)}>
          {s.label}
        </Button>
      ))}
    </Space>
  );
}

/** The Chinese message of a failed request. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : '操作失败，请重试';
}
