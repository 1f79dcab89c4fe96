// What a petitioner sees of one petition (signed in or with the query code): the stages with
// their dates, the next expected date, the reply, and the 1–5 rating once it is answered.
import { useState } from 'react';
import { Alert, Button, Rate, Steps, Tag } from 'antd';
import { petitionTypeLabels, satisfactionLabels } from '../../../shared/schemas/petitions';
import type { PublicPetitionView } from '../../api/public-accounts';

const doneStatuses = ['closed', 'notAccepted', 'transferred', 'reReviewed'];

export function PetitionProgress({
  p,
  onRate,
  rating,
}: {
  p: PublicPetitionView;
  onRate?: (n: number) => void;
  /** true while the rating is being saved */
  rating?: boolean;
}) {
  const [stars, setStars] = useState(0);
  const finished = doneStatuses.includes(p.status);
  const steps = p.stages.length > 0 ? p.stages.map((s) => ({ title: s.label, description: s.day })) : [{ title: '已提交', description: p.receivedOn }];
  if (!finished && p.nextExpectedDay)
    steps.push({
      title: p.statusLabel,
      description: p.nextExpectedDay ? `预计 ${p.nextExpectedDay} 前` : '等待办理',
    });
  return (
    <div data-testid="petition-progress">
      <div className="public-block">
        <div className="pp-card-head">
          <div className="pp-card-title">{p.unitName}</div>
          <Tag color={finished ? 'default' : p.reply ? 'green' : 'blue'}>{p.statusLabel}</Tag>
        </div>
        <div className="info-row">
          <div className="info-label">登记编号</div>
          <div className="info-value mono">{p.registrationNo}</div>
        </div>
        <div className="info-row">
          <div className="info-label">事项类别</div>
          <div className="info-value">{petitionTypeLabels[p.type]}</div>
        </div>
        <div className="info-row">
          <div className="info-label">收到日期</div>
          <div className="info-value">{p.receivedOn}</div>
        </div>
        <div className="info-row">
          <div className="info-label">下一步</div>
          <div className="info-value" data-testid="next-expected">
            {p.nextExpectedDay ? (
              <>
                预计 <strong>{p.nextExpectedDay}</strong> 前{p.status === 'registered' ? '告知是否受理' : '办理答复'}
              </>
            ) : finished ? (
              '已办结'
            ) : p.status === 'replied' ? (
              '如对答复意见不服，可自收到之日起 30 日内向上一级机关请求复查'
            ) : p.status === 'reviewed' ? (
              '如对复查意见不服，可自收到之日起 30 日内向再上一级机关请求复核'
            ) : (
              '等待办理'
            )}
          </div>
        </div>
      </div>
      <div className="public-section-title">办理进度</div>
      <div className="public-block">
        <Steps
          orientation="vertical"
          size="small"
          className="pp-steps"
          current={finished || !p.nextExpectedDay ? steps.length : steps.length - 1}
          items={steps}
        />
      </div>
      {p.reply && (
        <>
          <div className="public-section-title">答复意见</div>
          <div className="public-block" data-testid="petition-reply">
            <div className="info-row">
              <div className="info-label">处理结果</div>
              <div className="info-value">{p.reply.outcomeLabel}</div>
            </div>
            <div className="info-row">
              <div className="info-label">答复日期</div>
              <div className="info-value">{p.reply.repliedOn}</div>
            </div>
            <div className="pp-reply">{p.reply.text}</div>
          </div>
        </>
      )}
      {p.satisfaction ? (
        <div className="public-block">
          <div className="muted">您的评价</div>
          <Rate disabled value={p.satisfaction} className="pp-rating" /> {satisfactionLabels[p.satisfaction]}
        </div>
      ) : p.canRate && onRate ? (
        <div className="public-block" data-testid="petition-rate">
          <div style={{ fontWeight: 600, marginBottom: 6 }}>请对本次办理作出评价</div>
          <Rate value={stars} onChange={setStars} className="pp-rating" aria-label="满意度" />
          <span style={{ marginLeft: 8 }}>{stars ? satisfactionLabels[stars] : ''}</span>
          <div style={{ marginTop: 10 }}>
            <Button type="primary" block disabled={!stars} loading={rating} onClick={() => onRate(stars)}>
              提交评价
            </Button>
          </div>
        </div>
      ) : null}
      {!p.reply && !finished && (
        <Alert
          type="info"
          showIcon
          title="依照《信访工作条例》，受理机关自收到之日起 15 日内告知是否受理；受理后 60 日内办结（情况复杂的可延长不超过 30 日）。"
        />
      )}
    </div>
  );
}
