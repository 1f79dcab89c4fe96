// The module's two lists, one tab row.
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

const tabs = [
  { value: '/surveys', label: '调查' },
  { value: '/surveys/questionnaires', label: '问卷' },
];

export function SurveysNav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.startsWith('/surveys/questionnaires') ? '/surveys/questionnaires' : '/surveys';
  return <Segmented className="surveys-nav" options={tabs} value={current} onChange={(v) => navigate(String(v))} />;
}
