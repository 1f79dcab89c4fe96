// The module's three lists, one tab row.
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

const tabs = [
  { value: '/trainings', label: '培训' },
  { value: '/trainings/fairs', label: '招聘会' },
  { value: '/trainings/coverage', label: '今年退役人员' },
];

export function TrainingsNav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = tabs.slice().reverse().find((t) => pathname.startsWith(t.value))?.value ?? '/trainings';
  return <Segmented className="trainings-nav" options={tabs} value={current} onChange={(v) => navigate(String(v))} />;
}
