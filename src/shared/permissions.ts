// Roles and permissions. Permissions fail closed: anything not listed here is denied.
// Business permissions are per domain (`<domain>:read|write|review`), so a county can give a
// mediator disputes without petitions; roles are named bundles of permissions, listed once
// below in `rolePermissions` (the staff page shows them from here).

export const roles = [
  'worker',
  'station_head',
  'county_reviewer',
  'upper_viewer',
  'mediator',
  'sys_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  worker: '站工作人员',
  station_head: '站(中心)负责人',
  county_reviewer: '县级审核人员',
  upper_viewer: '上级查看人员',
  mediator: '调解员',
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** The three separated administrators of 等保 2.0: none of them reads case data. */
export const adminRoles: readonly Role[] = ['sys_admin', 'security_admin', 'audit_admin'];

/** The business domains; each has its own read/write (and review where a review-like action exists). */
export const domains = ['registry', 'visits', 'petitions', 'disputes', 'opinionReports', 'plaques', 'services', 'supportPlans', 'feedback', 'assistance', 'funds', 'rights', 'legalAid', 'employment', 'party', 'honors', 'education', 'hardProblems', 'surveys', 'summaries', 'evaluation', 'obligations'] as const;
export type Domain = (typeof domains)[number];

export const domainLabels: Record<Domain, string> = {
  registry: '服务对象',
  visits: '走访慰问',
  petitions: '信访',
  disputes: '矛盾纠纷',
  opinionReports: '舆情信息',
  plaques: '光荣牌',
  services: '政策服务',
  supportPlans: '一人一策',
  feedback: '服务监督',
  assistance: '帮扶援助',
  legalAid: '法律援助',
  rights: '权益维护',
  funds: '资金发放',
  employment: '就业创业',
  party: '党员管理',
  honors: '荣誉表彰',
  education: '教育管理',
  hardProblems: '疑难问题',
  surveys: '满意度调查',
  summaries: '工作总结',
  evaluation: '考核评估',
  obligations: '工作制度',
};

export const permissions = [
  'org:read',
  'org:write',
  'staff:read',
  'staff:write',
  'policy:read',
  'policy:write',
  'audit:read',
  /** 服务对象: read records, ledgers and the registry dashboard */
  'registry:read',
  /** 服务对象: collect, edit, submit, transfer, import (as drafts) */
  'registry:write',
  /** 服务对象: county review of collections and changes, duplicates and merges, imports registered directly */
  'registry:review',
  'visits:read',
  'visits:write',
  /** 走访: change the visit settings (county); with unit:head, assigning and generating visits */
  'visits:review',
  'petitions:read',
  'petitions:write',
  /** 信访: review (复查) and re-review (复核), hearings */
  'petitions:review',
  'disputes:read',
  'disputes:write',
  'opinionReports:read',
  'opinionReports:write',
  'plaques:read',
  'plaques:write',
  /** 光荣牌: revoke a plaque (county) */
  'plaques:review',
  /** 政策服务: service items, applications 办件, appointments, home service */
  'services:read',
  'services:write',
  /** 政策服务: keep the county's catalog of service items, decide applications (county) */
  'services:review',
  /** 一人一策: support plans for people in special difficulty */
  'supportPlans:read',
  'supportPlans:write',
  /** 服务监督: the feedback box 意见簿/监督卡, service commitments and supervisors on the public page */
  'feedback:read',
  'feedback:write',
  /** 帮扶援助: assistance applications, verification, opinions, referrals, return visits */
  'assistance:read',
  'assistance:write',
  /** 帮扶援助: approve or refuse within the level's limit, handle objections to the 公示, the settings (county) */
  'assistance:review',
  /** 法律援助: legal aid cases, the directory of partners, consultations and care records */
  'legalAid:read',
  'legalAid:write',
  /** 党员管理 (§16, Part 3 四(六)): party branches, members' branch, organisation transfers, 三会一课, volunteer teams */
  'party:read',
  'party:write',
  /** 荣誉表彰 (Part 3 四(四), §18, §40): honors, star-rating campaigns, the honor wall's consents, 送喜报 */
  'honors:read',
  'honors:write',
  /** 满意度调查 (Part 12 五(二), Part 1): questionnaires, survey runs with their samples and invitations, 电话回访, results */
  'surveys:read',
  'surveys:write',
  /** 权益维护 (Part 9): rights cases, their verification and supervision 核查督办 */
  'rights:read',
  'rights:write',
  /** 权益维护: report a reasonable request outside current policy up (Part 9 四(一)) */
  'rights:review',
  /** 资金发放: funds 资金来源, their movements, payables and payment batches 发放批次 */
  'funds:read',
  'funds:write',
  /** 资金发放: confirm a payment batch before its transfer file goes to the bank (county) */
  'funds:review',
  /** 就业创业 (Part 4): employment profiles, employers, openings, matching and recommendations */
  'employment:read',
  'employment:write',
  /** 教育管理 (Part 3 四(二)(五), 五(二)(三)): exemplars 优秀退役军人典型 and their recommendation, learning activities and attendance */
  'education:read',
  'education:write',
  /** 疑难问题 (§8): problems a station cannot solve, reported up, studied, reviewed monthly by the county, escalated, resolved */
  'hardProblems:read',
  'hardProblems:write',
  /** 工作总结 (§45): each unit's semi-annual summary 半年工作总结, drafted from the figures and submitted up level by level */
  'summaries:read',
  'summaries:write',
  /** 工作总结: return, accept or reopen the summaries of the unit's children (the parent unit reviews) */
  'summaries:review',
  /** 考核评估 (Part 12): indicator sets, evaluation rounds, self-assessment, rectification 整改 */
  'evaluation:read',
  'evaluation:write',
  /** 考核评估: keep indicator sets, run rounds, score, return and publish, open rectification items (the upper level) */
  'evaluation:review',
  /** 工作制度 (Chapter 2 §5–§13, §34): obligations each unit owes (meetings, staff training, reviews, reports), their records and reporting rates; ledgers' responsible persons (§10) */
  'obligations:read',
  'obligations:write',
  /** the head of a unit 站(中心)负责人: assigns work, closes others' disputes, is named on escalated petitions */
  'unit:head',
  /** see a sensitive field (ID number, phone, bank account, disability certificate, medical details) in clear; each reveal is audited */
  'sensitive:reveal',
  /** export ID numbers and phones in clear in a ledger (otherwise masked); each export is audited */
  'sensitive:export',
  /** load a new year's holiday schedule */
  'calendar:write',
  /** administrator accounts and roles: create, change roles or state, reset password or second factor (三员分立: the top unit's security admin, not the system admin) */
  'admin:credentials',
] as const;
export type Permission = (typeof permissions)[number];

export const permissionLabels: Record<Permission, string> = {
  'org:read': '查看组织机构',
  'org:write': '维护组织机构',
  'staff:read': '查看工作人员',
  'staff:write': '管理工作人员账号',
  'policy:read': '查看安全策略',
  'policy:write': '修改安全策略',
  'audit:read': '查看审计日志',
  'registry:read': '查看服务对象',
  'registry:write': '采集、修改服务对象',
  'registry:review': '审核服务对象（采集、变更、合并）',
  'visits:read': '查看走访慰问',
  'visits:write': '登记走访慰问',
  'visits:review': '走访设置与分派',
  'petitions:read': '查看信访事项',
  'petitions:write': '办理信访事项',
  'petitions:review': '信访复查、复核',
  'disputes:read': '查看矛盾纠纷',
  'disputes:write': '排查化解矛盾纠纷',
  'opinionReports:read': '查看舆情信息',
  'opinionReports:write': '报送、签收舆情信息',
  'plaques:read': '查看光荣牌',
  'plaques:write': '登记、悬挂光荣牌',
  'plaques:review': '撤销光荣牌',
  'services:read': '查看服务事项与办件',
  'services:write': '受理办件、出具意见、预约与上门服务',
  'services:review': '维护服务事项目录、办件审批决定',
  'supportPlans:read': '查看一人一策',
  'supportPlans:write': '制定、落实一人一策',
  'feedback:read': '查看意见簿与服务监督',
  'feedback:write': '答复意见、维护服务承诺与监督员',
  'assistance:read': '查看帮扶援助',
  'assistance:write': '受理帮扶援助申请、核实、出具意见、回访',
  'assistance:review': '帮扶援助审批、处理公示异议',
  'legalAid:read': '查看法律援助',
  'legalAid:write': '登记、转介、跟踪法律援助，维护法律援助机构名录',
  'party:read': '查看党支部、退役军人党员与组织关系转接',
  'party:write': '维护党支部与党员编入支部，办理组织关系转接，登记三会一课与志愿服务',
  'honors:read': '查看荣誉、评星级、光荣墙与喜报',
  'honors:write': '登记荣誉，组织评星级（推荐、评审、公布），记录光荣墙本人同意，送喜报',
  'rights:read': '查看权益维护案件',
  'rights:write': '登记、核查、督办权益维护案件',
  'rights:review': '上报政策建议（权益维护）',
  'funds:read': '查看资金与发放',
  'funds:write': '登记资金流水、发放援助金',
  'funds:review': '确认发放批次',
  'employment:read': '查看就业创业',
  'employment:write': '维护就业信息、用人单位与岗位，人岗匹配与推荐',
  'education:read': '查看优秀退役军人典型与学习教育活动',
  'education:write': '推荐、审核优秀退役军人典型，组织学习教育活动、登记出勤',
  'hardProblems:read': '查看疑难问题',
  'hardProblems:write': '上报、研究、上报上级、解决疑难问题',
  'surveys:read': '查看满意度调查问卷、调查与结果',
  'surveys:write': '编制发布问卷，组织满意度调查（抽样、邀请），电话回访代录答卷',
  'summaries:read': '查看本单位及下级单位的半年工作总结',
  'summaries:write': '起草、修改并提交本单位的半年工作总结',
  'summaries:review': '审核下级单位的半年工作总结（退回、通过、重新打开）',
  'evaluation:read': '查看考核评估与整改事项',
  'evaluation:write': '填报本单位自评、佐证材料，完成整改事项',
  'evaluation:review': '维护考评指标体系，组织考评、评分、退回与公布，下达整改事项',
  'obligations:read': '查看工作制度、履行记录与下级报送情况',
  'obligations:write': '登记会议、培训与报告等工作制度履行记录，设置本辖区工作制度与台账责任人',
  'unit:head': '单位负责人（分派任务、销号）',
  'sensitive:reveal': '查看敏感信息明文',
  'sensitive:export': '导出敏感信息明文',
  'calendar:write': '导入节假日安排',
  'admin:credentials': '管理员账号：创建、授予与变更管理员角色、启停、重置密码与动态口令（顶层单位）',
};

/** What a domain's users need to see it at all. */
export function readPermissionOf(domain: Domain): Permission {
  return `${domain}:read`;
}

/** Reading some business domain (any one of these): the generic case routes and the work queue; each case then needs its own domain's. */
export const anyDomainRead: readonly Permission[] = domains.map(readPermissionOf);

/** The review permission of a domain, where one exists. */
export function reviewPermissionOf(domain: Domain): Permission | null {
  const p = `${domain}:review`;
  return (permissions as readonly string[]).includes(p) ? (p as Permission) : null;
}

const allDomains = (kind: 'read' | 'write'): Permission[] => domains.map((d) => `${d}:${kind}` as const);
const reviews: Permission[] = ['registry:review', 'visits:review', 'petitions:review', 'plaques:review', 'services:review', 'assistance:review', 'rights:review', 'funds:review', 'summaries:review', 'evaluation:review'];

/** The one list of what each role grants. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  worker: ['org:read', ...allDomains('read'), ...allDomains('write'), 'sensitive:reveal'],
  // a station head decides assistance within the level's approval limit (帮扶援助设置; default: no money at a township)
  station_head: ['org:read', 'staff:read', ...allDomains('read'), ...allDomains('write'), 'assistance:review', 'rights:review', 'summaries:review', 'unit:head', 'sensitive:reveal', 'sensitive:export'],
  county_reviewer: ['org:read', ...allDomains('read'), ...allDomains('write'), ...reviews, 'sensitive:reveal', 'sensitive:export'],
  upper_viewer: ['org:read', ...allDomains('read')],
  mediator: ['org:read', 'registry:read', 'disputes:read', 'disputes:write'],
  sys_admin: ['org:read', 'org:write', 'staff:read', 'staff:write', 'calendar:write'],
  security_admin: ['org:read', 'policy:read', 'policy:write', 'admin:credentials'],
  audit_admin: ['audit:read'],
};

export function permissionsOf(userRoles: readonly string[]): Permission[] {
  const out = new Set<Permission>();
  for (const r of userRoles) {
    if (!Object.hasOwn(rolePermissions, r)) continue; // unknown role grants nothing (nor does 'constructor')
    for (const p of rolePermissions[r as Role]) out.add(p);
  }
  return [...out];
}

export function hasPermission(userRoles: readonly string[], permission: string): boolean {
  try {
    // asked on every request: each role's own list, without building the union (permissionsOf)
    for (const r of userRoles) {
      if (!Object.hasOwn(rolePermissions, r)) continue; // unknown role grants nothing
      if ((rolePermissions[r as Role] as readonly string[]).includes(permission)) return true;
    }
    return false;
  } catch {
    return false; // fail closed
  }
}

/** Whether the roles grant any one of the permissions. */
export function hasAnyPermission(userRoles: readonly string[], wanted: readonly string[]): boolean {
  return wanted.some((p) => hasPermission(userRoles, p));
}

export function isAdminRole(role: string): boolean {
  return (adminRoles as readonly string[]).includes(role);
}
