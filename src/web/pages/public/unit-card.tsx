// One unit in a public list: a tappable card.
import { Link } from 'react-router';
import { RightOutlined } from '@ant-design/icons';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import type { PublicUnit } from '../../api/public';

export function UnitCard({ unit }: { unit: PublicUnit }) {
  return (
    <Link to={`/public/units/${encodeURIComponent(unit.id)}`} className="unit-card">
      <div className="unit-card-name">
        <span>{unit.name}</span>
        <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
      </div>
      <div className="unit-card-line">
        {orgLevelLabels[unit.level]}
        {unit.childCount > 0 ? ` · 下设 ${unit.childCount} 个` : ''}
      </div>
      {unit.address && <div className="unit-card-line">地址：{unit.address}</div>}
      {unit.phone && <div className="unit-card-line">电话：{unit.phone}</div>}
    </Link>
  );
}
