// The module's three lists and its figures, one tab row.
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

const tabs = [
  { value: '/employment', label: '就业信息' },
  { value: '/employment/openings', label: '岗位' },
  { value: '/employment/employers', label: '用人单位' },
  { value: '/employment/figures', label: '统计' },
];

export function EmploymentNav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = tabs.slice().reverse().find((t) => pathname.startsWith(t.value))?.value ?? '/employment';
  return <Segmented className="employment-nav" options={tabs} value={current} onChange={(v) => navigate(String(v))} />;
}
