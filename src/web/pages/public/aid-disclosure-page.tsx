// 帮扶援助公示 (§28) without signing in: a unit's aid given in a period — masked name, village,
// ground, form and amount; no ID number, phone, address or health detail. Readable on a 375 px phone.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Empty, Input, Spin } from 'antd';
import { yuan } from '../../../shared/schemas/assistance';
import { usePublicAid } from '../../api/assistance';
import '../assistance/assistance.css';

function thisMonth(): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 7);
}

export function AidDisclosurePage() {
  const { id } = useParams();
  const [period, setPeriod] = useState(thisMonth());
  const valid = /^\d{4}(-\d{2}|-Q[1-4])?$/.test(period);
  const q = usePublicAid(id, valid ? period : thisMonth());
  return (
    <>
      <div className="pp-title">帮扶援助公示{q.data ? `：${q.data.unitName}` : ''}</div>
      <p className="pp-hint">按照规定公开帮扶援助情况，接受社会监督。如有异议，请在公示期内向受理单位反映。</p>
      <div className="public-block">
        <Input aria-label="公示期间" value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder="2026-06 / 2026-Q2 / 2026" status={valid ? undefined : 'error'} size="large" />
      </div>
      <div className="public-block" data-testid="aid-disclosure">
        {q.isLoading ? (
          <Spin />
        ) : q.isError ? (
          <Alert type="error" showIcon title={q.error.message} />
        ) : !q.data || q.data.items.length === 0 ? (
          <Empty description="本期无帮扶援助公示" />
        ) : (
          q.data.items.map((i, k) => (
            <div key={k} className="aid-public-item">
              <div>
                <div className="aid-public-name">{i.maskedName}</div>
                <div className="aid-public-meta">
                  {i.place} · {i.ground} · {i.form}
                </div>
                {i.noticeStart && (
                  <div className="aid-public-meta">
                    公示期 {i.noticeStart} 至 {i.noticeEnd}
                  </div>
                )}
              </div>
              <div className="aid-money">{yuan(i.amountFen)} 元</div>
            </div>
          ))
        )}
      </div>
    </>
  );
}
