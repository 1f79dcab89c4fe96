// The module's sections as buttons on each list page.
import { useNavigate } from 'react-router';
import { Button, Space } from 'antd';

const sections = [
  { path: '/honors', label: '评星级' },
  { path: '/honors/list', label: '荣誉台账' },
  { path: '/honors/merit-notices', label: '送喜报' },
];

export function HonorsNav({ current }: { current: string }) {
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
