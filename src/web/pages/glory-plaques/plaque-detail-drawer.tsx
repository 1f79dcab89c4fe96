// One plaque: the household and its members with what each gives, the dates, the photo and
// the case log of registration, hanging, replacements and revocation (the one case timeline).
import { Descriptions, Drawer, Empty, Flex, Grid, Image, Spin, Tag, Typography } from 'antd';
import {
  plaqueBasisLabels,
  plaqueGroundLabels,
  replaceReasonLabels,
  revokeReasonLabels,
  type PlaqueDetail,
} from '../../../shared/schemas/glory-plaques';
import { recipientKindLabels, type RecipientKind } from '../../../shared/schemas/recipients';
import { plaqueEventText } from '../../../shared/rules/plaque-events';
import { plaqueApi, usePlaque } from '../../api/glory-plaques';
import { CaseTimeline, type CaseTimelineEntry } from '../../components/case-timeline';
import { GroundTags, PlaqueStatusTag } from './plaque-tags';

const REVOKED: ReadonlySet<string> = new Set(['revoked']);

/** The day an entry names and what it says (悬挂人, 原因, 附照片…). */
function plaqueEntryText(e: CaseTimelineEntry) {
  const t = plaqueEventText(e.action, e.data);
  return (
    <>
      {t.day && <Typography.Text strong>{t.day} </Typography.Text>}
      {t.detail}
    </>
  );
}

function Body({ p }: { p: PlaqueDetail }) {
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'status', label: '状态', children: <PlaqueStatusTag status={p.status} /> },
          { key: 'head', label: '户主', children: p.headName || '—' },
          { key: 'village', label: '所属村(社区)', children: p.villageName },
          { key: 'address', label: '家庭住址', children: p.address || '—' },
          { key: 'grounds', label: '悬挂依据', children: <GroundTags grounds={p.grounds} /> },
          { key: 'basis', label: '登记方式', children: plaqueBasisLabels[p.basis] },
          ...(p.appliedOn ? [{ key: 'applied', label: '申请日期', children: p.appliedOn }] : []),
          ...(p.applicant ? [{ key: 'applicant', label: '申请人', children: p.applicant }] : []),
          ...(p.hungOn ? [{ key: 'hung', label: '悬挂日期', children: p.hungOn }] : []),
          ...(p.hungBy ? [{ key: 'hungBy', label: '悬挂人', children: p.hungBy }] : []),
          ...(p.replacedOn
            ? [{ key: 'replaced', label: '最近更换', children: `${p.replacedOn}（${p.replaceReason ? replaceReasonLabels[p.replaceReason] : ''}），共 ${p.replaceCount} 次` }]
            : []),
          ...(p.revokedOn
            ? [{ key: 'revoked', label: '撤销', children: `${p.revokedOn}（${p.revokeReason ? revokeReasonLabels[p.revokeReason] : ''}${p.revokeNote ? `：${p.revokeNote}` : ''}）` }]
            : []),
          ...(p.note ? [{ key: 'note', label: '备注', children: p.note }] : []),
        ]}
      />
      <Typography.Title level={5} className="plaque-section-title">
        悬挂照片
      </Typography.Title>
      {p.hasPhoto ? (
        <Image src={plaqueApi.photoUrl(p.id, p.version)} alt="悬挂照片" className="plaque-photo" />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无照片" />
      )}
      <Typography.Title level={5} className="plaque-section-title">
        家庭成员
      </Typography.Title>
      <Flex vertical gap={6}>
        {p.members.map((m) => (
          <Flex key={m.id} gap={6} wrap align="center">
            <span>{m.name}</span>
            {m.isHead && <Tag>户主</Tag>}
            <Typography.Text type="secondary">{recipientKindLabels[m.kind as RecipientKind] ?? m.kind}</Typography.Text>
            {m.ground ? <Tag color="red">{plaqueGroundLabels[m.ground]}</Tag> : <Typography.Text type="secondary">（不计入依据）</Typography.Text>}
            {m.certificateHolder && <Tag color="gold">持证</Tag>}
          </Flex>
        ))}
      </Flex>
      <Typography.Title level={5} className="plaque-section-title">
        办理记录
      </Typography.Title>
      <CaseTimeline log={p.log} renderData={plaqueEntryText} redStates={REVOKED} />
    </>
  );
}

export function PlaqueDetailDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const q = usePlaque(id);
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open={!!id} onClose={onClose} title="光荣牌详情" size={screens.md ? 520 : '100%'} destroyOnHidden className="plaque-detail-drawer">
      {q.data ? <Body p={q.data} /> : q.isError ? <Empty description="未找到该光荣牌记录" /> : <Spin />}
    </Drawer>
  );
}
