// What petitions produce on paper and in figures: the letters (受理告知书, 不予受理告知书,
// 延期告知书, 处理意见书), the dashboard (one grouped query; repeats not counted) and the
// 信访事项登记台账 export (.xlsx; phones masked unless a clear export is chosen with sensitive:export
// and a purpose; audited with the row count).
import { maskPhone } from '../../../shared/rules/phone';
import { dueSoonLastDay } from '../../../shared/rules/due-marks';
import {
  PETITION_DAYS,
  PETITION_LEDGER_TITLE,
  petitionCategoryLabels,
  petitionChannelLabels,
  petitionChannels,
  petitionLetterKindLabels,
  petitionOutcomeLabels,
  petitionStatuses,
  petitionTypeLabels,
  petitionTypes,
  PUBLIC_PETITION_QUERY_PATH,
  reviewDecisionLabels,
  satisfactionLabels,
  type PetitionCategory,
  type PetitionChannel,
  type PetitionDashboard,
  type PetitionLetterDto,
  type PetitionLetterKind,
  type PetitionOutcome,
  type PetitionStatus,
  type PetitionType,
} from '../../../shared/schemas/petitions';
import { serviceUnitFullName } from '../../../shared/rules/unit-names';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { recipientGroupLabels, type RecipientGroup } from '../../../shared/schemas/recipients';
import type { SensitiveExportChoice } from '../../../shared/schemas/sensitive-export';
import { transaction, type Tx } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { exportMarks, filterOf, sensitiveExportChoice } from '../../platform/sensitive-export';
import { columnsOf, type XlsxCell as LedgerCell } from '../../platform/xlsx-writer';
import { ledgerXlsx } from '../../platform/ledger-export';
import { childUnits, countPetitionRows, dashboardCounts, petitionChunk, unitByIdUnscoped, unitInScope, type PetitionRow } from './petitions.repo';
import { auditPetition, parsePayload, petitionFilter, requirePetition, todayOf } from './petitions.service';

type Ip = string | null;

function chineseDay(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

// ---- letters ----

/** The full name of the center or station that signs a letter of the unit (a grid's village station signs for it). */
async function signingUnitName(trx: Tx, unitId: string): Promise<string> {
  const unit = await unitByIdUnscoped(trx, unitId);
  if (!unit) throw notFound('单位');
  const signer = unit.level === 'grid' && unit.parent_id ? ((await unitByIdUnscoped(trx, unit.parent_id)) ?? unit) : unit;
  return serviceUnitFullName(signer.level as OrgLevel, signer.name);
}

export async function petitionLetter(ctx: AppContext, auth: AuthContext, id: string, kind: PetitionLetterKind, ip: Ip): Promise<PetitionLetterDto> {
  const row = await requirePetition(ctx, auth, id);
  const p = parsePayload(row);
  const received = chineseDay(row.received_on);
  const what = `您于${received}以${petitionChannelLabels[row.channel as PetitionChannel]}形式提出的信访事项（登记编号：${row.registration_no}）`;
  let paragraphs: string[];
  let day: string;
  let queryCode: string | null = null;
  switch (kind) {
    case 'acknowledgement':
      if (!row.accepted_on) throw new AppError(409, 'NO_LETTER', '该信访事项尚未受理，不能出具受理告知书');
      day = row.accepted_on;
      paragraphs = [
        `${what}，本机关已于${chineseDay(row.accepted_on)}依法受理。`,
        `本机关将自受理之日起 ${PETITION_DAYS.handle} 日内办结，并出具书面处理意见（办理期限至${chineseDay(row.handle_due ?? row.accepted_on)}）；情况复杂的，经本机关负责人批准，可以适当延长办理期限，但延长期限不超过 ${PETITION_DAYS.maxExtension} 日，并告知延期理由。`,
      ];
      queryCode = row.query_code_enc ? ctx.crypto.decrypt(row.query_code_enc) : null;
      paragraphs.push(
        queryCode
          ? `您可以凭本告知书所列查询码和登记时留的手机号码，登录退役军人服务中心（站）公开信息网站的“信访查询”页面，查询办理进度并对办理结果作出评价。`
          : '您可以凭登记时告知的查询码和登记时留的手机号码，登录退役军人服务中心（站）公开信息网站的“信访查询”页面，查询办理进度并对办理结果作出评价。',
      );
      break;
    case 'notAccepted':
      if (row.status !== 'notAccepted' || !p.notAcceptedReason) throw new AppError(409, 'NO_LETTER', '该信访事项未作出不予受理决定');
      day = row.accept_decided_on ?? todayOf(ctx);
      paragraphs = [`${what}，经审查，本机关决定不予受理。`, `理由：${p.notAcceptedReason}`];
      break;
    case 'extension':
      if (!p.extension) throw new AppError(409, 'NO_LETTER', '该信访事项未延期，不能出具延期告知书');
      day = p.extension.approvedOn;
      paragraphs = [
        `${what}，因情况复杂，经本机关负责人批准，办理期限延长 ${p.extension.days} 日，至${chineseDay(row.handle_due ?? day)}。`,
        `延期理由：${p.extension.reason}`,
        '依照《信访工作条例》第三十四条，特此告知。',
      ];
      break;
    case 'reply':
      if (!p.reply) throw new AppError(409, 'NO_LETTER', '该信访事项尚未答复，不能出具处理意见书');
      day = p.reply.repliedOn;
      paragraphs = [
        `${what}，本机关已依法办理。`,
        `处理意见：${petitionOutcomeLabels[p.reply.outcome]}。`,
        p.reply.text,
        `如对本处理意见不服，可以自收到本意见书之日起 ${PETITION_DAYS.reviewWindow} 日内请求原办理机关的上一级机关复查。`,
      ];
      break;
  }
  const unitName = await transaction(ctx.db, async (trx) => {
    await auditPetition(trx, ctx, auth, 'petition.letter', id, ip, petitionLetterKindLabels[kind]);
    return signingUnitName(trx, row.org_unit_id);
  });
  return {
    kind,
    title: petitionLetterKindLabels[kind],
    unitName,
    queryCode,
    queryPath: kind === 'acknowledgement' ? PUBLIC_PETITION_QUERY_PATH : null,
    registrationNo: row.registration_no,
    petitionerName: row.petitioner_name,
    paragraphs,
    day,
  };
}

// ---- dashboard ----

const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const rate = (done: number, onTime: number) => ({ done, onTime, rate: done ? Math.round((onTime / done) * 1000) / 1000 : null });

export async function petitionDashboard(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; from?: string; to?: string }): Promise<PetitionDashboard> {
  const unit = await unitInScope(auth.scope, ctx.db, q.orgUnitId ?? auth.unit.id);
  if (!unit) throw notFound('单位');
  const today = todayOf(ctx);
  const [rows, children] = await Promise.all([
    dashboardCounts(auth.scope, ctx.db, unit, today, dueSoonLastDay(today), q.from ?? null, q.to ?? null),
    childUnits(auth.scope, ctx.db, unit.id),
  ]);
  const byStatus = zeroBy(petitionStatuses);
  const byType = zeroBy(petitionTypes);
  const byChannel = zeroBy(petitionChannels);
  const units = new Map<string, { orgUnitId: string; orgUnitName: string; ownLevel: boolean; total: number; open: number; yellow: number; red: number; done: number; onTime: number }>();
  const own = { orgUnitId: unit.id, orgUnitName: unit.name, ownLevel: true, total: 0, open: 0, yellow: 0, red: 0, done: 0, onTime: 0 };
  for (const c of children) units.set(c.path, { orgUnitId: c.id, orgUnitName: c.name, ownLevel: false, total: 0, open: 0, yellow: 0, red: 0, done: 0, onTime: 0 });
  let total = 0;
  let repeats = 0;
  let yellow = 0;
  let red = 0;
  let acceptDone = 0;
  let acceptOnTime = 0;
  let replyDone = 0;
  let replyOnTime = 0;
  let rated = 0;
  let ratingSum = 0;
  const openStatuses = new Set(['registered', 'accepted', 'extended', 'replied', 'reviewRequested', 'reviewed', 'reReviewRequested', 'reReviewHearing']);
  for (const r of rows) {
    if (r.repeat) {
      repeats += r.n;
      continue;
    }
    total += r.n;
    byStatus[r.status as PetitionStatus] = (byStatus[r.status as PetitionStatus] ?? 0) + r.n;
    byType[r.petition_type as PetitionType] = (byType[r.petition_type as PetitionType] ?? 0) + r.n;
    byChannel[r.channel as PetitionChannel] = (byChannel[r.channel as PetitionChannel] ?? 0) + r.n;
    yellow += r.yellow;
    red += r.red;
    acceptDone += r.accept_done;
    acceptOnTime += r.accept_on_time;
    replyDone += r.reply_done;
    replyOnTime += r.reply_on_time;
    rated += r.rated;
    ratingSum += r.rating_sum;
    const u = [...units.entries()].find(([path]) => r.org_path.startsWith(path))?.[1] ?? own;
    u.total += r.n;
    if (openStatuses.has(r.status)) u.open += r.n;
    u.yellow += r.yellow;
    u.red += r.red;
    u.done += r.accept_done + r.reply_done;
    u.onTime += r.accept_on_time + r.reply_on_time;
  }
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    total,
    repeats,
    byStatus,
    byType,
    byChannel,
    warnings: { yellow, red },
    onTime: rate(acceptDone + replyDone, acceptOnTime + replyOnTime),
    units: [own, ...units.values()].map((u) => ({ orgUnitId: u.orgUnitId, orgUnitName: u.orgUnitName, ownLevel: u.ownLevel, total: u.total, open: u.open, yellow: u.yellow, red: u.red, onTime: rate(u.done, u.onTime) })),
    satisfaction: { rated, average: rated ? Math.round((ratingSum / rated) * 100) / 100 : null },
  };
}

// ---- the ledger ----

export const petitionLedgerColumns = [
  { header: '序号', width: 6 },
  { header: '登记编号', width: 26 },
  { header: '登记日期', width: 12 },
  { header: '信访形式', width: 8 },
  { header: '信访人', width: 10 },
  { header: '人数', width: 6 },
  { header: '联系电话', width: 14 },
  { header: '住址', width: 24 },
  { header: '人员类别', width: 12 },
  { header: '信访事项(诉求)', width: 40 },
  { header: '问题类别', width: 12 },
  { header: '首办责任人', width: 10 },
  { header: '包案领导', width: 10 },
  { header: '受理日期', width: 12 },
  { header: '办理期限', width: 12 },
  { header: '延期情况', width: 20 },
  { header: '办理结果', width: 20 },
  { header: '答复日期', width: 12 },
  { header: '是否复查/复核', width: 14 },
  { header: '满意度', width: 10 },
  { header: '办结日期', width: 12 },
  { header: '备注', width: 20 },
] as const;

function ledgerValues(ctx: AppContext, r: PetitionRow, seq: number, clear: boolean): LedgerCell[] {
  const p = parsePayload(r);
  const phone = r.phone_enc ? ctx.crypto.decrypt(r.phone_enc) : '';
  const outcome = r.outcome ? petitionOutcomeLabels[r.outcome as PetitionOutcome] : r.status === 'notAccepted' ? `不予受理：${p.notAcceptedReason ?? ''}` : r.status === 'transferred' ? `转送${p.transfer?.body ?? ''}` : '';
  const reviewed = [p.review ? `复查：${p.review.decision ? reviewDecisionLabels[p.review.decision] : '办理中'}` : '', p.reReview ? `复核：${p.reReview.decision ? reviewDecisionLabels[p.reReview.decision] : '办理中'}` : ''].filter(Boolean).join('；');
  return [
    seq,
    r.registration_no,
    r.received_on,
    petitionChannelLabels[r.channel as PetitionChannel] ?? r.channel,
    r.petitioner_name,
    r.headcount,
    clear ? phone : maskPhone(phone),
    r.address,
    r.recipient_group ? (recipientGroupLabels[r.recipient_group as RecipientGroup] ?? r.recipient_group) : '',
    r.restricted === 1 ? '（检举控告，内容保密）' : r.request,
    `${petitionTypeLabels[r.petition_type as PetitionType] ?? r.petition_type}／${petitionCategoryLabels[r.category as PetitionCategory] ?? r.category}`,
    r.handler_name ?? '',
    r.leader_name ?? '',
    r.accepted_on ?? '',
    r.handle_due ?? r.accept_due ?? '',
    p.extension ? `延长 ${p.extension.days} 日（${p.extension.reason}）` : '',
    outcome,
    r.replied_on ?? '',
    reviewed || '否',
    r.satisfaction ? `${r.satisfaction} ${satisfactionLabels[r.satisfaction]}` : '',
    r.closed_on ?? '',
    [r.repeat_of ? '重复信访' : '', r.note].filter(Boolean).join('；'),
  ];
}

const CHUNK = 1000;

export async function exportPetitionLedger(ctx: AppContext, auth: AuthContext, q: Parameters<typeof petitionFilter>[2] & SensitiveExportChoice, ip: Ip) {
  const choice = sensitiveExportChoice(auth, q);
  const f = await petitionFilter(ctx, auth, filterOf(q));
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const clear = choice.clear;
  const now = ctx.clock.now();
  const day = todayOf(ctx);
  const rows = await countPetitionRows(auth.scope, ctx.db, f);
  const detail = { ledger: PETITION_LEDGER_TITLE, unit: unit.name, filter: filterOf(q), rows, sensitive: clear ? 'clear' : 'masked', ...(choice.purpose && { purpose: choice.purpose }) };
  await transaction(ctx.db, (trx) => auditPetition(trx, ctx, auth, 'petition.export', null, ip, JSON.stringify(detail)));
  async function* chunks(): AsyncGenerator<LedgerCell[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await petitionChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => ledgerValues(ctx, r, ++seq, clear));
      if (rows.length < CHUNK) return;
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
    }
  }
  const title = `${unit.name}${PETITION_LEDGER_TITLE}（${chineseDay(day)}）`;
  const stream = ledgerXlsx(ctx.db, PETITION_LEDGER_TITLE, unit.id, { sheetName: PETITION_LEDGER_TITLE, title, ...columnsOf(petitionLedgerColumns), ...exportMarks(auth, choice, now) }, chunks());
  return { name: `${unit.name}${PETITION_LEDGER_TITLE}-${day}.xlsx`, stream, rows, clear };
}
