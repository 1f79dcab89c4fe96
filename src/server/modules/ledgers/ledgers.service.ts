// The registry ledger 退役军人信息台账 as an export of any filter of the registry list, in the
// layout of LEDGERS.md (a title row, 序号 first, the registry's extra columns at the end), values
// as Chinese labels. ID numbers and phones are masked as on screen unless the user chooses a clear
// export (unmasked=1, with sensitive:export and a stated purpose: platform/sensitive-export); every
// export is audited with its filter, row count and choice, and the file names who made it and when.
import { parseIdNumber } from '../../../shared/rules/id-number';
import { parsePhone } from '../../../shared/rules/phone';
import { queryTokens } from '../../../shared/rules/name-search';
import { shanghaiDay } from '../../../shared/rules/dates';
import { shiftDay } from '../../../shared/rules/calendar';
import {
  branchLabels,
  careCategories,
  careCategoryLabels,
  careListOf,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  meritLevelLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  recipientStatusLabels,
} from '../../../shared/schemas/recipients';
import { plaqueStatusLabels } from '../../../shared/schemas/glory-plaques';
import {
  EXPORT_MAX_ROWS,
  REGISTRY_LEDGER_TITLE,
  disabilityGradeLabels,
  genderLabels,
  registryLedgerColumns,
  type LedgerField,
  type LedgerQuery,
} from '../../../shared/schemas/ledgers';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/jurisdiction';
import { latestBirthForAge } from '../recipients';
import { countLedgerRows, ledgerChunk, unitPathByIdUnscoped, type LedgerCursor, type LedgerFilter, type RecipientRow } from '../recipients';
import { plaquesOfHouseholds, unitsForLedger } from './ledgers.repo';
import { exportMarks, filterOf, sensitiveExportChoice } from '../../platform/sensitive-export';
import { columnsOf, type XlsxCell as LedgerCell } from '../../platform/xlsx-writer';
import { ledgerXlsx } from '../../platform/ledger-export';

const CHUNK = 1000;

type Labels = Record<string, string>;
const label = (m: Labels, v: string | null | undefined) => (v ? (m[v] ?? v) : '');

/** The filter of GET /api/recipients (recipients.service searchRecipients), read the same way. */
async function ledgerFilter(ctx: AppContext, auth: AuthContext, q: LedgerQuery): Promise<{ filter: LedgerFilter; unitId: string; unitName: string }> {
  const today = shanghaiDay(ctx.clock.now());
  let unitPath: string | undefined;
  let unitName = auth.unit.name;
  let unitId = auth.unit.id;
  if (q.orgUnitId) {
    const u = await unitPathByIdUnscoped(ctx.db, q.orgUnitId);
    if (!u || !pathInScope(auth.scope, u.path)) throw notFound('单位');
    unitPath = u.path;
    unitName = u.name;
    unitId = q.orgUnitId;
  }
  let idNumberHash: string | undefined;
  if (q.idNumber) {
    const p = parseIdNumber(q.idNumber);
    if (!p.ok) throw new AppError(400, 'BAD_ID', p.message, [{ path: 'idNumber', message: p.message }]);
    idNumberHash = ctx.crypto.lookupHash(p.id18);
  }
  let phoneHash: string | undefined;
  if (q.phone) {
    const p = parsePhone(q.phone);
    if (!p.ok) throw new AppError(400, 'BAD_PHONE', p.message, [{ path: 'phone', message: p.message }]);
    phoneHash = ctx.crypto.lookupHash(p.national);
  }
  const tokens = q.q ? queryTokens(q.q) : undefined;
  if (q.q && tokens && tokens.length === 0) throw badRequest('请输入姓名中的汉字或拼音首字母');
  return {
    unitId,
    unitName,
    filter: {
      tokens,
      idNumberHash,
      phoneHash,
      unitPath,
      status: q.status,
      kind: q.kind,
      group: q.group,
      careBit: q.care ? 1 << careCategories.indexOf(q.care) : undefined,
      priorityCare: q.priorityCare === undefined ? undefined : q.priorityCare === 'true',
      dischargeType: q.dischargeType,
      employment: q.employment,
      disabilityGrade: q.disabilityGrade,
      bornFrom: q.ageMax !== undefined ? shiftDay(latestBirthForAge(today, q.ageMax + 1), 1) : undefined,
      bornTo: q.ageMin !== undefined ? latestBirthForAge(today, q.ageMin) : undefined,
      deceased: q.deceased === undefined ? undefined : q.deceased === 'true',
    },
  };
}

type Unit = { name: string; level: string; code: string };

function meritsText(json: string): string {
  const list = JSON.parse(json || '[]') as { name: string; level: keyof typeof meritLevelLabels; year: number | null }[];
  return list.map((m) => `${m.name}（${meritLevelLabels[m.level] ?? '其他表彰'}${m.year ? `，${m.year}年` : ''}）`).join('、');
}

/** One record as the ledger's cells, in registryLedgerColumns order. */
function ledgerValues(ctx: AppContext, r: RecipientRow, seq: number, clear: boolean, units: Map<string, Unit>, plaques: Map<string, string>): LedgerCell[] {
  const onPath = r.org_path
    .split('/')
    .filter(Boolean)
    .map((id) => units.get(id))
    .filter((u): u is Unit => !!u);
  const at = (level: string) => onPath.find((u) => u.level === level)?.name ?? '';
  const own = units.get(r.org_unit_id);
  const soldier = r.deceased_soldier ? (JSON.parse(r.deceased_soldier) as { name?: string; deathDate?: string | null; relation?: string }) : null;
  const v: Record<LedgerField, LedgerCell> = {
    seq,
    name: r.name,
    gender: label(genderLabels, r.gender),
    ethnicity: r.ethnicity,
    birthDate: r.birth_date,
    idNumber: clear ? ctx.crypto.decrypt(r.id_number_enc) : r.id_number_masked,
    politicalStatus: label(politicalStatusLabels, r.political_status),
    recipientGroup: label(recipientGroupLabels, r.recipient_group),
    careCategories: careListOf(r.care_mask)
      .map((c) => careCategoryLabels[c])
      .join('、'),
    enlistmentDate: r.enlistment_date,
    dischargeDate: r.discharge_date,
    dischargeType: label(dischargeTypeLabels, r.discharge_type),
    lastUnit: r.last_unit,
    rank: r.rank,
    disabilityGrade: r.disability_grade ? (disabilityGradeLabels[r.disability_grade - 1] ?? String(r.disability_grade)) : null,
    disabilityCause: label(disabilityCauseLabels, r.disability_cause),
    merits: meritsText(r.merits),
    education: label(educationLabels, r.education),
    phone: clear ? (r.phone_enc ? ctx.crypto.decrypt(r.phone_enc) : null) : r.phone_masked,
    householdAddress: r.household_address,
    currentAddress: r.current_address,
    township: at('township'),
    village: at('village'),
    grid: at('grid'),
    employmentStatus: label(employmentStatusLabels, r.employment_status),
    plaque: r.household_id ? label(plaqueStatusLabels, plaques.get(r.household_id)) : '',
    status: label(recipientStatusLabels, r.status),
    notes: r.notes,
    unitCode: own && (own.level === 'village' || own.level === 'grid') ? own.code : '',
    branch: label(branchLabels, r.branch),
    skills: r.skills,
    deceasedName: soldier?.name ?? '',
    deceasedDate: soldier?.deathDate ?? '',
    deceasedRelation: soldier?.relation ?? '',
    deathDate: r.deceased ? r.death_date : '',
  };
  return registryLedgerColumns.map((c) => v[c.key] ?? null);
}

/** "2026年6月15日" */
function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Checks the filter, counts (refusing more than EXPORT_MAX_ROWS), audits, and returns the file
 * name and the .xlsx stream, which reads the records a chunk at a time as it is sent.
 */
export async function exportRecipientLedger(ctx: AppContext, auth: AuthContext, q: LedgerQuery, ip: string | null, opts: { maxRows?: number } = {}) {
  const choice = sensitiveExportChoice(auth, q);
  const { filter, unitId, unitName } = await ledgerFilter(ctx, auth, q);
  const maxRows = opts.maxRows ?? EXPORT_MAX_ROWS;
  const rows = await countLedgerRows(auth.scope, ctx.db, filter, maxRows + 1);
  if (rows > maxRows) {
    throw new AppError(400, 'TOO_MANY_ROWS', `符合条件的记录超过 ${maxRows.toLocaleString('en')} 条，请按单位或其他条件缩小范围后分批导出`);
  }
  const clear = choice.clear;
  const now = ctx.clock.now();
  const day = shanghaiDay(now);
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, {
      at: now.toISOString(),
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'ledger.export',
      targetType: 'ledger',
      targetId: 'recipients',
      result: 'success',
      ip,
      detail: JSON.stringify({ ledger: REGISTRY_LEDGER_TITLE, unit: unitName, filter: filterOf(q), rows, sensitive: clear ? 'clear' : 'masked', ...(choice.purpose && { purpose: choice.purpose }) }),
    }),
  );

  const units = new Map<string, Unit>();
  async function* chunks(): AsyncGenerator<LedgerCell[][]> {
    let after: LedgerCursor | null = null;
    let seq = 0;
    for (;;) {
      const list = await ledgerChunk(auth.scope, ctx.db, filter, after, CHUNK);
      if (!list.length) return;
      const unknown = [...new Set(list.flatMap((r) => r.org_path.split('/').filter(Boolean)))].filter((id) => !units.has(id));
      for (const u of await unitsForLedger(auth.scope, ctx.db, unknown)) units.set(u.id, u);
      const households = [...new Set(list.flatMap((r) => (r.household_id ? [r.household_id] : [])))];
      const plaques = new Map((await plaquesOfHouseholds(auth.scope, ctx.db, households)).map((p) => [p.household_id, p.status]));
      yield list.map((r) => ledgerValues(ctx, r, ++seq, clear, units, plaques));
      if (list.length < CHUNK) return;
      const last = list[list.length - 1];
      after = { path: last.org_path, name: last.name, id: last.id };
    }
  }

  const title = `${unitName}${REGISTRY_LEDGER_TITLE}（${chineseDay(day)}）`;
  const stream = ledgerXlsx(ctx.db, REGISTRY_LEDGER_TITLE, unitId, { sheetName: REGISTRY_LEDGER_TITLE, title, ...columnsOf(registryLedgerColumns), ...exportMarks(auth, choice, now) }, chunks());
  return { name: `${unitName}${REGISTRY_LEDGER_TITLE}-${day}.xlsx`, stream, rows, clear };
}
