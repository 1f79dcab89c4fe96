// 日历 /visits/calendar: the month with the lunar date under each day, the festivals (春节 by the
// lunar calendar, 建军节, 烈士纪念日) and, per day, the visits owed by reason. A day opens the
// owed list of that day.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Calendar, Flex, Grid, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Solar } from 'lunar-typescript';
import { festivalDay, festivalKeys, festivalLabels, festivalsWithin } from '../../../shared/rules/festivals';
import { dueVisitReasonLabels, type DueVisitReason } from '../../../shared/schemas/visits';
import { visitApi, visitKeys } from '../../api/visits';
import { PageShell } from '../../components/page-shell';
import { VisitsNav } from './visits-nav';
import './visits.css';

const DAY = 'YYYY-MM-DD';

/** 初一 shows the month (正月, 腊月…), other days the day (初二, 十五…). */
function lunarText(d: Dayjs): string {
  const l = Solar.fromYmd(d.year(), d.month() + 1, d.date()).getLunar();
  return l.getDay() === 1 ? `${l.getMonthInChinese()}月` : l.getDayInChinese();
}

export function CalendarPage() {
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  // the grid shows six weeks around the month
  const from = month.startOf('month').subtract(7, 'day').format(DAY);
  const to = month.endOf('month').add(14, 'day').format(DAY);
  const q = useQuery({ queryKey: [...visitKeys.calendar, { from, to }], queryFn: ({ signal }) => visitApi.calendar({ from, to }, signal) });
  const byDay = useMemo(() => new Map((q.data?.days ?? []).map((d) => [d.day, d])), [q.data]);
  // the festivals are computed here too (the lunar calendar is shared code), so they show without a signal
  const festivalOn = useMemo(() => {
    const m = new Map<string, string>();
    for (const y of [month.year() - 1, month.year(), month.year() + 1]) for (const k of festivalKeys) m.set(festivalDay(k, y), festivalLabels[k]);
    for (const f of q.data?.festivals ?? []) m.set(f.day, f.label);
    return m;
  }, [q.data, month]);
  const coming = festivalsWithin(dayjs().format(DAY), ['springFestival', 'armyDay', 'martyrsDay'], 366);

  const cell = (d: Dayjs) => {
    const key = d.format(DAY);
    const entry = byDay.get(key);
    const festival = festivalOn.get(key);
    const detail = entry
      ? Object.entries(entry.byReason)
          .map(([r, n]) => `${dueVisitReasonLabels[r as DueVisitReason] ?? r} ${n}`)
          .join('，')
      : '';
    return (
      <div className="visit-calendar-cell">
        {festival ? <div className="visit-calendar-festival">{festival}</div> : <div className="visit-calendar-lunar">{lunarText(d)}</div>}
        {entry && entry.total > 0 && (
          <Tooltip title={detail}>
            <div className="visit-calendar-count">{isPhone ? `访${entry.total}` : <Tag color="blue" className="visit-tag">应访 {entry.total}</Tag>}</div>
          </Tooltip>
        )}
        {!isPhone && entry && (
          <div className="visit-calendar-lunar">
            {Object.entries(entry.byReason)
              .slice(0, 2)
              .map(([r, n]) => `${(dueVisitReasonLabels[r as DueVisitReason] ?? r).slice(0, 4)} ${n}`)
              .join(' · ')}
          </div>
        )}
      </div>
    );
  };

  return (
    <PageShell title="走访日历" subtitle="节日（春节按农历）与每天的应访走访，点日期查看当天名单">
      <VisitsNav />
      <Flex wrap gap={8} className="coverage-summary">
        {coming.map((f) => (
          <Tag key={f.key} color={f.daysLeft <= 30 ? 'red' : 'default'}>
            {f.label} {f.day}（{f.daysLeft === 0 ? '今天' : `${f.daysLeft} 天后`}）
          </Tag>
        ))}
      </Flex>
      {q.isError && <Typography.Text type="danger">{q.error.message}</Typography.Text>}
      <div className={isPhone ? 'visit-calendar visit-calendar-mini' : 'visit-calendar'} data-testid="visit-calendar">
        <Calendar
          fullscreen={!isPhone}
          value={month.isSame(dayjs(), 'month') ? dayjs() : month}
          onPanelChange={(d) => setMonth(d.startOf('month'))}
          onSelect={(d, info) => {
            if (info.source === 'date') navigate(`/visits/owed?from=${d.format(DAY)}&to=${d.format(DAY)}`);
            else setMonth(d.startOf('month'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
        />
      </div>
    </PageShell>
  );
}
