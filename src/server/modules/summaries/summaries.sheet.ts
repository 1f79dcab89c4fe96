// The figure sheet of a summary: every registered figure (platform/figures.ts) counted over the
// unit's subtree and the half-year, kept with its name and formula as counted (a submitted summary
// stores this list and shows it as it was, even if a figure is renamed or added later), and grouped
// by the module that owns it for the pages, the print view and the .docx.
import type { FigureGroupDto, FigureValueDto } from '../../../shared/schemas/summaries';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { computeFigures, figureDefs, type FigureQuery } from '../../platform/figures';

export type SheetFigure = FigureValueDto & { module: string };

/** Chinese names of the modules that own figures; a module not listed shows its key until it is added here. */
const moduleLabels: Record<string, string> = {
  recipients: '服务对象',
  visits: '走访慰问',
  petitions: '信访',
  disputes: '矛盾纠纷',
  opinionReports: '舆情信息',
  applications: '政策服务办件',
  appointments: '预约办理',
  assistance: '帮扶援助',
  funds: '资金发放',
  legalAid: '法律援助',
  'legal-aid': '法律援助',
  rights: '权益维护',
  employment: '就业创业',
  trainings: '招聘会与培训',
  ventures: '创业项目',
  party: '党员管理',
  honors: '荣誉表彰',
  education: '教育管理',
  plaques: '光荣牌',
  'glory-plaques': '光荣牌',
  supportPlans: '一人一策',
  'support-plans': '一人一策',
  feedback: '服务监督',
  obligations: '工作制度落实',
  problems: '疑难问题',
  surveys: '满意度调查',
  evaluations: '考核评估',
  summaries: '工作总结',
};

export const moduleLabelOf = (module: string) => moduleLabels[module] ?? module;

/** Every registered figure's value for the range and period, in registration order. */
export async function countFiguresOf(db: Db | Tx, q: FigureQuery): Promise<SheetFigure[]> {
  const values = await computeFigures(db, q);
  return figureDefs().map((d) => ({ key: d.key, module: d.module, label: d.label, formula: d.formula, unit: d.unit, kind: d.kind, value: values[d.key] ?? null }));
}

/** Groups figures by module, modules in the order their first figure came. */
export function groupFigures(figures: readonly SheetFigure[]): FigureGroupDto[] {
  const groups = new Map<string, FigureGroupDto>();
  for (const { module, ...f } of figures) {
    let g = groups.get(module);
    if (!g) {
      g = { module, moduleLabel: moduleLabelOf(module), figures: [] };
      groups.set(module, g);
    }
    g.figures.push(f);
  }
  return [...groups.values()];
}
