// The grade 等次 of an evaluated unit as a tag (the highest band green, the next blue, the lowest red,
// any between orange), and a round's
// or set's bands written out ("优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，不合格 < 60"). Used by the staff
// pages and the public results page.
import { Tag } from 'antd';
import type { GradeBand } from '../../../shared/schemas/evaluations';

export function GradeTag({ grade, bands }: { grade: string | null; bands: readonly GradeBand[] }) {
  if (grade === null) return null;
  const n = bands.findIndex((b) => b.name === grade);
  const color = n < 0 ? 'default' : n === 0 ? 'success' : n === bands.length - 1 ? 'error' : n === 1 ? 'processing' : 'warning';
  return (
    <Tag color={color} data-testid="grade" style={{ marginInlineEnd: 0 }}>
      {grade}
    </Tag>
  );
}

export function bandsText(bands: readonly GradeBand[]): string {
  return bands.map((b, n) => (n > 0 && b.min === 0 ? `${b.name} < ${bands[n - 1].min}` : `${b.name} ≥ ${b.min}`)).join('，');
}
