// Small shared pieces of the registry pages: status tags and Select options from the label maps.
import { Tag } from 'antd';
import {
  branchLabels,
  careCategoryLabels,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  recipientKindLabels,
  recipientStatusLabels,
  type CareCategory,
  type RecipientStatus, homeServiceReasonLabels, type HomeServiceReason } from '../../../shared/schemas/recipients';

const statusColors: Record<RecipientStatus, string> = {
  draft: 'default',
  pending: 'gold',
  returned: 'red',
  registered: 'green',
};

/** §44 上门服务对象: one tag naming the reasons (年龄偏大、鳏寡孤独), nothing when not marked. */
export function HomeServiceTag({ reasons }: { reasons: readonly HomeServiceReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <Tag color="cyan" className="status-tag" data-testid="home-service-tag">
      上门服务：{reasons.map((r) => homeServiceReasonLabels[r]).join('、')}
    </Tag>
  );
}

export function RecipientStatusTag({ status, deceased }: { status: RecipientStatus; deceased?: boolean }) {
  return (
    <>
      <Tag color={statusColors[status]} className="status-tag">
        {recipientStatusLabels[status]}
      </Tag>
      {deceased && <Tag className="status-tag">已去世</Tag>}
    </>
  );
}

/** Select options from a label map, in the map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const genderLabels = { male: '男', female: '女' } as const;

export const disabilityGradeOptions = Array.from({ length: 10 }, (_, i) => ({
  value: i + 1,
  label: `${'一二三四五六七八九十'[i]}级`,
}));

export function gradeLabel(grade: number | null | undefined): string {
  return grade ? `${'一二三四五六七八九十'[grade - 1]}级` : '';
}

const enumLabelsOfField: Record<string, Record<string, string>> = {
  kind: recipientKindLabels,
  recipientGroup: recipientGroupLabels,
  dischargeType: dischargeTypeLabels,
  branch: branchLabels,
  politicalStatus: politicalStatusLabels,
  education: educationLabels,
  employmentStatus: employmentStatusLabels,
  disabilityCause: disabilityCauseLabels,
};

/**
 * A value of a change record (history, edit review) as people read it: enum codes become their
 * Chinese labels, care categories a list of labels, grades 一级…十级, booleans 是/否.
 */
export function changeValueText(field: string, value: string): string {
  if (value === '') return '';
  if (field === 'careCategories')
    return value
      .split('、')
      .map((c) => careCategoryLabels[c as CareCategory] ?? c)
      .join('、');
  if (field === 'disabilityGrade' && /^\d+$/.test(value)) return gradeLabel(Number(value));
  if (field === 'lunarBirthday') return value === '1' || value === 'true' ? '是' : '否';
  const labels = enumLabelsOfField[field];
  if (labels) return labels[value] ?? value;
  if (value.startsWith('[') || value.startsWith('{')) return '（已更新）';
  return value;
}
