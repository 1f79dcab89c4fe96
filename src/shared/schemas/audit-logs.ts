import { z } from '../zod-setup';
import { isoDay, pageOf, pageQuery } from './common';

/**
 * Every action code the server writes to the audit log, with its Chinese label: the one list the
 * writers' type (`AuditAction`, taken by `appendAudit`) is made of, so a new code does not compile
 * until it is labelled here. The case kernel writes `case.<type>.<action>`, labelled from the case
 * type's own labels (`caseAuditLabel` on the server).
 */
export const auditActionLabels = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lock': '账号锁定',
  'auth.totp': '动态口令验证',
  'auth.totp-enrol': '绑定动态口令',
  'auth.password-change': '修改密码',
  'org-unit.create': '新增单位',
  'org-unit.update': '修改单位',
  'org-unit.move': '移动单位',
  'org-unit.merge': '合并单位',
  'org-unit.import': '导入区划',
  'staff.create': '新增工作人员',
  'staff.update': '修改工作人员',
  'staff.reset-password': '重置密码',
  'staff.reset-totp': '重置动态口令',
  'staff.disable': '停用账号',
  'staff.enable': '启用账号',
  'security-policy.update': '修改安全策略',
  'holiday-year.load': '导入节假日安排',
  'system.restore': '从备份恢复',
  'recipient.create': '新增服务对象',
  'recipient.update': '修改服务对象',
  'recipient.submit': '提交采集审核',
  'recipient.merge': '合并重复人员',
  'recipient.death': '登记去世',
  'recipient.reveal': '查看敏感信息',
  'recipient.document-add': '上传证件材料',
  'recipient.document-view': '查看证件材料',
  'recipient.import': '批量导入服务对象',
  'transfer.in': '办理迁入',
  'transfer.out': '办理迁出',
  'ledger.export': '导出台账',
  'visit.create': '记录走访',
  'visit-trigger.create': '登记六必访事由',
  'visit-follow-up.close': '办结走访反映问题',
  'visit-follow-up.pass-on': '走访反映问题转办',
  'visit-settings.update': '修改走访设置',
  'due-visit.generate': '生成应访名单',
  'due-visit.assign': '分派走访任务',
  'due-visit.unassign': '取消分派走访',
  'due-visit.cancel': '取消应访',
  'key-person.contact': '指定重点人员联系人',
  'petition.register': '登记信访事项',
  'petition.repeat': '关联重复信访',
  'petition.reveal': '查看信访人敏感信息',
  'petition.letter': '出具信访文书',
  'petition.rate': '登记满意度评价',
  'petition.export': '导出信访台账',
  'dispute.create': '登记矛盾纠纷',
  'dispute.submit': '报送矛盾纠纷排查月报',
  'dispute.export': '导出矛盾纠纷台账',
  'dispute.summary-export': '导出矛盾纠纷汇总表',
  // support plans 一人一策 (issue 13)
  'support-plan.create': '制定一人一策帮扶计划',
  'support-plan.export': '导出一人一策帮扶台账',
  'assistance.create': '受理帮扶援助申请',
  'assistance.export': '导出帮扶援助台账',
  'assistance.evidence-add': '上传帮扶援助证明材料',
  'assistance.evidence-view': '查看帮扶援助证明材料',
  'assistance-settings.update': '修改帮扶援助设置',
  // legal aid 法律援助 (issue 14)
  'legal-aid.create': '登记法律援助申请',
  'legal-aid.export': '导出法律援助台账',
  'legal-aid.material-add': '上传法律援助案件材料',
  'legal-aid.material-view': '查看法律援助案件材料',
  'legal-aid-partner.create': '新增法律援助机构',
  'legal-aid-partner.update': '修改法律援助机构',
  // care records 关爱服务记录 (issue 14)
  'care-record.create': '登记关爱服务记录',
  'care-record.update': '修改关爱服务记录',
  'care-record.reveal': '查看关爱服务记录详情',
  'care-record.export': '导出关爱服务记录台账',
  'rights.create': '登记权益维护案件',
  'rights.export': '导出权益维护案件台账',
  'rights.evidence-add': '上传权益维护证据材料',
  'rights.evidence-view': '查看权益维护证据材料',
  'petition.file-view': '查看信访办理记录附件',
  'assignment.file-view': '查看交办回复附件',
  'legal-aid-settings.update': '修改法律援助设置',
  // funds and disbursement 资金与发放 (issue 14)
  'fund.create': '新增资金来源',
  'fund.movement': '登记资金流水',
  'fund.payable': '登记待发放援助',
  'fund.disburse': '发放援助金',
  'fund.batch-create': '生成发放批次',
  'fund.transfer-export': '导出银行代发文件',
  'fund.account-reveal': '查看收款账号',
  'fund.receipt-view': '查看现金签收单',
  'fund.report-export': '导出资金对账表',
  'opinion-report.create': '登记舆情',
  'opinion-report.export': '导出舆情台账',
  'glory-plaque.create': '登记光荣牌',
  'glory-plaque.export': '导出光荣牌台账',
  'service-item.create': '新增服务事项',
  'service-item.update': '修改服务事项',
  // the public service portal (issue 13)
  'feedback.submit': '意见簿收到意见',
  'feedback.query': '凭查询码查询意见',
  'feedback.reveal': '查看意见署名人电话',
  'feedback.export': '导出意见簿台账',
  'feedback-settings.update': '修改意见簿答复期限',
  'service.commitments': '保存服务承诺',
  'service.supervisors': '保存服务监督员',
  'service-item.retire': '停用或启用服务事项',
  'application.run': '登记办件到场（最多跑一次）',
  'application.home-service': '登记上门服务或全程代办',
  'application.export': '导出办件台账',
  // files of an application's materials checklist
  'application.material-add': '上传办件材料',
  'application.material-view': '查看办件材料',
  'application.material-delete': '删除办件材料',
  'application.receipt': '打印办件受理回执',
  'public.application-query': '凭查询码查询办件',
  'public.application-apply': '网上申请办件',
  'public.register': '公众账号注册',
  'public.login': '公众账号登录',
  'public.logout': '公众账号退出',
  'public.petition-query': '凭查询码查询信访',
  'public.petition-rate': '信访人网上评价',
  // appointments (issue 13)
  'appointment-schedule.update': '修改预约时段设置',
  'appointment-closure.create': '登记暂停预约',
  'appointment-closure.delete': '撤销暂停预约',
  'appointment-settings.update': '修改预约限制',
  'appointment.export': '导出预约台账',
  'public.appointment-book': '网上预约',
  'public.appointment-cancel': '网上取消预约',
} as const;
export type StaticAuditAction = keyof typeof auditActionLabels;
/** What `appendAudit` takes: a listed code, or the case kernel's `case.<type>.<action>`. */
export type AuditAction = StaticAuditAction | `case.${string}.${string}`;
export const staticAuditActions = Object.keys(auditActionLabels) as StaticAuditAction[];

/** The label of a listed code, or null (a case action's label comes from its case type). */
export function staticAuditLabel(code: string): string | null {
  return Object.hasOwn(auditActionLabels, code) ? auditActionLabels[code as StaticAuditAction] : null;
}

export const auditLogDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  action: z.string(),
  /** the action in Chinese (the code itself when an old entry's code is no longer known) */
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  detail: z.string().nullable(),
  sealed: z.boolean(),
});
export type AuditLogDto = z.infer<typeof auditLogDto>;
export const auditLogPage = pageOf(auditLogDto);
export const auditLogQuery = pageQuery.extend({
  from: isoDay('起始日期').optional(),
  to: isoDay('截止日期').optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  targetId: z.string().trim().max(64).optional(),
});
