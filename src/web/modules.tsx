// The modules of the work platform, declared once: the side menu, the home-page cards and the
// routes all come from this list. Adding a module is one line here.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  FlagOutlined,
  QuestionCircleOutlined,
  FormOutlined,
  ToolOutlined,
  RocketOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  FileTextOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  HeartOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UsergroupDeleteOutlined,
  UserOutlined,
  GiftOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { anyDomainRead, type Permission } from '../shared/permissions';
import { holds } from './components/session';

export type ModuleEntry = {
  key: string;
  label: string;
  icon: ReactNode;
  /** absolute path of the module's main page; sub-pages live under it */
  path: string;
  /** who sees it (a list: any one of them); undefined = every signed-in user */
  permission?: Permission | readonly Permission[];
  /** one line on the home-page card; no card when absent */
  description?: string;
  /** a route without a menu entry (e.g. a case page, reached from the work queue) */
  hidden?: boolean;
  /** the side-menu group it sits in (a sub-menu, at the place of its first entry), e.g. 政策服务 */
  group?: string;
  page: LazyExoticComponent<ComponentType>;
};

/** React.lazy for a named export, so that every page module keeps named exports. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** The work queue is for anyone who reads some business domain. */
export const workQueuePermissions: readonly Permission[] = anyDomainRead;

export const modules: ModuleEntry[] = [
  { key: 'home', label: '首页', icon: <HomeOutlined />, path: '/', page: page(() => import('./pages/home/home-page'), 'HomePage') },
  { key: 'recipients', label: '服务对象', icon: <ContactsOutlined />, path: '/recipients', permission: 'registry:read', description: '信息采集、查找与一人一档', page: page(() => import('./pages/recipients/recipients-module'), 'RecipientsModule') },
  { key: 'work-queue', label: '我的待办', icon: <InboxOutlined />, path: '/work-queue', permission: workQueuePermissions, description: '待本人或本单位办理的事项与期限', page: page(() => import('./pages/work-queue/work-queue-page'), 'WorkQueuePage') },
  { key: 'notifications', label: '消息通知', icon: <BellOutlined />, path: '/notifications', hidden: true, page: page(() => import('./pages/notifications/notifications-page'), 'NotificationsPage') },
  { key: 'duplicates', label: '疑似重复', icon: <UsergroupDeleteOutlined />, path: '/recipients/duplicates', permission: 'registry:review', description: '核实并合并重复录入的记录', page: page(() => import('./pages/recipients/duplicates-page'), 'DuplicatesPage') },
  { key: 'imports', label: 'Excel 导入', icon: <UploadOutlined />, path: '/imports', permission: 'registry:write', description: '按台账模板批量导入服务对象，逐行报告问题', page: page(() => import('./pages/imports/imports-page'), 'ImportsPage') },
  { key: 'assignments', label: '交办事项', icon: <InboxOutlined />, path: '/assignments', permission: workQueuePermissions, hidden: true, page: page(() => import('./pages/assignments/assignments-module'), 'AssignmentsModule') },
  { key: 'cases', label: '办件', icon: <FileSearchOutlined />, path: '/cases', permission: 'registry:read', hidden: true, page: page(() => import('./pages/cases/cases-module'), 'CasesModule') },
  { key: 'visits-owed', label: '应访名单', icon: <ScheduleOutlined />, path: '/visits/owed', permission: 'visits:read', description: '本辖区应走访的对象：节日、生日、六必访，手机上逐户记录走访', page: page(() => import('./pages/visits/visits-module'), 'OwedModule') },
  { key: 'visits', label: '走访慰问', icon: <HeartOutlined />, path: '/visits', permission: 'visits:read', description: '走访记录台账、覆盖情况、节日日历、重点人员联系人', page: page(() => import('./pages/visits/visits-module'), 'VisitsModule') },
  { key: 'petitions', label: '信访', icon: <MessageOutlined />, path: '/petitions', permission: 'petitions:read', description: '信访登记、受理、办理、答复与复查复核，期限预警与统计', page: page(() => import('./pages/petitions/petitions-module'), 'PetitionsModule') },
  { key: 'assistance', label: '帮扶援助', icon: <GiftOutlined />, path: '/assistance', permission: 'assistance:read', description: '困难帮扶援助：申请、两人核实、逐级审批、公示、转介救助与回访', page: page(() => import('./pages/assistance/assistance-module'), 'AssistanceModule') },
  { key: 'support-plans', label: '一人一策', icon: <SolutionOutlined />, path: '/support-plans', permission: 'supportPlans:read', description: '特殊困难对象的帮扶计划：措施、责任人、跟踪评估与结案', page: page(() => import('./pages/support-plans/support-plans-module'), 'SupportPlansModule') },
  { key: 'legal-aid', label: '法律援助', icon: <ReconciliationOutlined />, path: '/legal-aid', permission: 'legalAid:read', description: '法律援助申请、告知途径、转介与回执、跟踪至案结事了，机构名录', page: page(() => import('./pages/legal-aid/legal-aid-module'), 'LegalAidModule') },
  { key: 'party', label: '党员管理', icon: <FlagOutlined />, path: '/party', permission: 'party:read', description: '退役军人党员编入党支部，组织关系转接跟踪至办结，转接台账', page: page(() => import('./pages/party/party-module'), 'PartyModule') },
  { key: 'education', label: '教育管理', icon: <TrophyOutlined />, path: '/education', permission: 'education:read', description: '优秀退役军人典型逐级推荐与资源库，重大庆典与地方志人选，学习教育活动与出勤', page: page(() => import('./pages/education/education-module'), 'EducationModule') },
  { key: 'obligations', label: '工作制度', icon: <CalendarOutlined />, path: '/obligations', permission: 'obligations:read', description: '会议、业务培训、疑难问题研究与定期报告：本单位应履行事项与下级报送率，台账责任人', page: page(() => import('./pages/obligations/obligations-module'), 'ObligationsModule') },
  { key: 'rights', label: '权益维护', icon: <SafetyCertificateOutlined />, path: '/rights', permission: 'rights:read', description: '权益受损、政策未落实的登记与核查，督办责任主体落实，跟进至办结，政策解释', page: page(() => import('./pages/rights/rights-module'), 'RightsModule') },
  { key: 'honors', label: '荣誉表彰', icon: <TrophyOutlined />, path: '/honors', permission: 'honors:read', description: '评星级推荐评审与公布，光荣墙本人同意，荣誉台账，送喜报', page: page(() => import('./pages/honors/honors-module'), 'HonorsModule') },
  { key: 'evaluations', label: '考核评估', icon: <BarChartOutlined />, path: '/evaluations', permission: 'evaluation:read', description: '年度考评与日常考察：指标体系、数据自动计算、自评与上级评分、结果公开、整改事项', page: page(() => import('./pages/evaluations/evaluations-module'), 'EvaluationsModule') },
  { key: 'employment', label: '就业创业', icon: <ToolOutlined />, path: '/employment', permission: 'employment:read', description: '就业信息定期核实，用人单位与岗位，人岗匹配、推荐与录用', page: page(() => import('./pages/employment/employment-module'), 'EmploymentModule') },
  { key: 'ventures', label: '创业与零就业', icon: <RocketOutlined />, path: '/ventures', permission: 'employment:read', description: '退役军人创业项目与扶持、创业导师，零就业家庭查找、确认与帮扶至上岗再就业', page: page(() => import('./pages/ventures/ventures-module'), 'VenturesModule') },
  { key: 'trainings', label: '招聘会与培训', icon: <ScheduleOutlined />, path: '/trainings', permission: 'employment:read', description: '招聘会、适应性培训与技能培训，今年退役人员适应性培训全覆盖', page: page(() => import('./pages/trainings/trainings-module'), 'TrainingsModule') },
  { key: 'surveys', label: '满意度调查', icon: <SmileOutlined />, path: '/surveys', permission: 'surveys:read', description: '问卷编制与发布，按走访、办件、信访抽样调查，二维码邀请函与电话回访，各单位、各服务满意度', page: page(() => import('./pages/surveys/surveys-module'), 'SurveysModule') },
  { key: 'funds', label: '资金与发放', icon: <MoneyCollectOutlined />, path: '/funds', permission: 'funds:read', description: '资金来源与流水、待发放援助、发放批次与银行代发、资金对账', page: page(() => import('./pages/funds/funds-module'), 'FundsModule') },
  { key: 'hard-problems', label: '疑难问题', icon: <QuestionCircleOutlined />, path: '/hard-problems', permission: 'hardProblems:read', description: '下级服务站上报的疑难问题：乡镇及时研究、县级每月研究、逐级上报，跟踪至解决', page: page(() => import('./pages/hard-problems/hard-problems-module'), 'HardProblemsModule') },
  { key: 'disputes', label: '矛盾纠纷', icon: <NodeIndexOutlined />, path: '/disputes', permission: 'disputes:read', description: '矛盾纠纷排查建账、化解进展、一案一销，月度汇总报送', page: page(() => import('./pages/disputes/disputes-module'), 'DisputesModule') },
  // the public service portal (issue 13)
  // ---- 政策服务 (issue 13) ----
  { key: 'service-items', label: '服务事项', group: '政策服务', icon: <FileTextOutlined />, path: '/service-items', permission: 'services:read', description: '服务事项目录：所需材料、办理环节与时限、公示（一次性告知）', page: page(() => import('./pages/service-items/service-items-module'), 'ServiceItemsModule') },
  { key: 'applications', label: '政策办件', group: '政策服务', icon: <FileDoneOutlined />, path: '/applications', permission: 'services:read', description: '受理、逐级意见、公示、审批，最多跑一次与上门代办', page: page(() => import('./pages/applications/applications-module'), 'ApplicationsModule') },
  { key: 'appointments', label: '预约办理', group: '政策服务', icon: <CalendarOutlined />, path: '/appointments', permission: 'services:read', description: '网上预约的当日名单、确认与办结，预约时段与暂停预约，预约台账', page: page(() => import('./pages/appointments/appointments-module'), 'AppointmentsModule') },
  { key: 'feedback', label: '意见簿', icon: <FormOutlined />, path: '/feedback', permission: 'feedback:read', description: '意见簿与监督卡：按期答复、公开答复；服务承诺与服务监督员', page: page(() => import('./pages/feedback/feedback-module'), 'FeedbackModule') },
  { key: 'opinion-reports', label: '舆情信息', icon: <AlertOutlined />, path: '/opinion-reports', permission: 'opinionReports:read', description: '舆情逐级即时上报，各级签收、处置或上报', page: page(() => import('./pages/opinion-reports/opinion-reports-module'), 'OpinionReportsModule') },
  { key: 'glory-plaques', label: '光荣牌', icon: <StarOutlined />, path: '/glory-plaques', permission: 'plaques:read', description: '可申请家庭、待悬挂与已悬挂，八一、春节前提醒，悬挂台账', page: page(() => import('./pages/glory-plaques/glory-plaques-page'), 'GloryPlaquesPage') },
  // the semi-annual summary 半年工作总结 (issue 16)
  { key: 'summaries', label: '工作总结', icon: <FileSearchOutlined />, path: '/summaries', permission: 'summaries:read', description: '半年工作总结：依据业务数据起草，逐级提交、退回、审核通过与锁定，打印与导出 Word', page: page(() => import('./pages/summaries/summaries-module'), 'SummariesModule') },
  { key: 'org-units', label: '组织机构', icon: <ApartmentOutlined />, path: '/org-units', permission: 'org:read', description: '中心（站）及网格的层级、信息维护', page: page(() => import('./pages/org-units/org-units-page'), 'OrgUnitsPage') },
  { key: 'staff', label: '工作人员', icon: <TeamOutlined />, path: '/staff', permission: 'staff:read', description: '账号、角色、重置密码与停用', page: page(() => import('./pages/staff/staff-page'), 'StaffPage') },
  { key: 'admin-accounts', label: '管理员账号', icon: <KeyOutlined />, path: '/admin-accounts', permission: 'admin:credentials', description: '三员分立：重置管理员的密码与动态验证码', page: page(() => import('./pages/staff/admin-accounts-page'), 'AdminAccountsPage') },
  { key: 'security-policy', label: '安全策略', icon: <SafetyCertificateOutlined />, path: '/security-policy', permission: 'policy:read', description: '密码、锁定、会话超时与动态口令（等保三级）', page: page(() => import('./pages/security-policy/security-policy-page'), 'SecurityPolicyPage') },
  { key: 'audit-logs', label: '审计日志', icon: <AuditOutlined />, path: '/audit-logs', permission: 'audit:read', description: '登录、操作与敏感数据查看记录', page: page(() => import('./pages/audit-logs/audit-logs-page'), 'AuditLogsPage') },
  { key: 'dashboard', label: '统计看板', icon: <BarChartOutlined />, path: '/dashboard', permission: anyDomainRead, description: '各级总览（各模块指标、下级单位对比），服务对象构成、采集完整度，政策服务办件与预约，帮扶援助，逐级下钻', page: page(() => import('./pages/dashboards/registry-dashboard-page'), 'RegistryDashboardPage') },
  { key: 'holiday-years', label: '节假日安排', icon: <CalendarOutlined />, path: '/holiday-years', permission: 'calendar:write', description: '办理期限使用的法定节假日与调休', page: page(() => import('./pages/holidays/holiday-years-page'), 'HolidayYearsPage') },
  { key: 'profile', label: '个人中心', icon: <UserOutlined />, path: '/profile', description: '本人信息、修改密码、动态口令', page: page(() => import('./pages/profile/profile-page'), 'ProfilePage') },
];

export function modulesFor(permissions: readonly string[]): ModuleEntry[] {
  return modules.filter((m) => !m.permission || holds(permissions, m.permission));
}

/** The entries of the side menu: the user's modules without the hidden routes. */
export function menuModulesFor(permissions: readonly string[]): ModuleEntry[] {
  return modulesFor(permissions).filter((m) => !m.hidden);
}

/** The side menu's groups: a group's entries in a sub-menu at the place of its first entry. */
export function menuTreeOf(entries: readonly ModuleEntry[]): ({ kind: 'entry'; entry: ModuleEntry } | { kind: 'group'; label: string; entries: ModuleEntry[] })[] {
  const out: ({ kind: 'entry'; entry: ModuleEntry } | { kind: 'group'; label: string; entries: ModuleEntry[] })[] = [];
  const groups = new Map<string, ModuleEntry[]>();
  for (const m of entries) {
    if (!m.group) {
      out.push({ kind: 'entry', entry: m });
      continue;
    }
    const g = groups.get(m.group);
    if (g) g.push(m);
    else {
      const list = [m];
      groups.set(m.group, list);
      out.push({ kind: 'group', label: m.group, entries: list });
    }
  }
  return out;
}

/** The module whose path is the longest prefix of a location, for the selected menu entry. */
export function moduleAt(pathname: string): ModuleEntry | undefined {
  let best: ModuleEntry | undefined;
  for (const m of modules) {
    const hit = m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`);
    if (hit && (!best || m.path.length > best.path.length)) best = m;
  }
  return best;
}
