// The sub-navigation of the visit pages: what the user's role works with.
import { useLocation, useNavigate } from 'react-router';
import { Tabs } from 'antd';
import type { MeDto } from '../../../shared/schemas/auth';
import { useCurrentUser } from '../../components/session';

const upperLevels = ['province', 'city', 'county'];

/** planners 负责人 assign visits and run the generation: unit heads and the county's visit reviewers */
export function plansVisits(me: Pick<MeDto, 'permissions'>): boolean {
  return me.permissions.includes('unit:head') || me.permissions.includes('visits:review');
}

/** heads see coverage: planners, and the upper levels that read visits without recording them */
export function seesCoverage(me: MeDto): boolean {
  return plansVisits(me) || (me.permissions.includes('visits:read') && !me.permissions.includes('visits:write'));
}

/** the county keeps the contact persons of key persons (Part 5 三(四)) and the settings */
export function isCountyHead(me: MeDto): boolean {
  return upperLevels.includes(me.orgUnit.level) && plansVisits(me);
}

/** who may change the visit settings: a reviewer of a county or higher center (as the server decides) */
export function mayChangeVisitSettings(me: Pick<MeDto, 'permissions' | 'orgUnit'>): boolean {
  return upperLevels.includes(me.orgUnit.level) && me.permissions.includes('visits:review');
}

export function VisitsNav() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = [
    { key: '/visits/owed', label: '应访名单' },
    { key: '/visits', label: '走访记录' },
    ...(seesCoverage(me) ? [{ key: '/visits/coverage', label: '覆盖情况' }] : []),
    { key: '/visits/calendar', label: '日历' },
    ...(isCountyHead(me) ? [{ key: '/visits/key-persons', label: '重点人员联系人' }, { key: '/visits/settings', label: '设置' }] : []),
  ];
  const active = items.find((i) => i.key === pathname)?.key ?? '';
  return <Tabs className="visits-nav no-print" activeKey={active} items={items} onChange={(k) => navigate(k)} size="small" />;
}
