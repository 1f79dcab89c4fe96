// 节假日安排: the years the deadline calendar knows (shipped table plus loaded years), warnings
// for a missing year, and loading a year from the State Council notice (paste the dates).
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { isValidDay, mergeYear, shiftDay } from '../../../shared/rules/calendar';
import { useHolidayYears, useLoadHolidayYear } from '../../api/holidays';
import { PageShell } from '../../components/page-shell';

/**
 * Dates as people paste them: separated by spaces, commas, 、 or new lines; a range as
 * 2027-10-01~2027-10-07 (also 至, 到, —). Month and day may lack the leading zero.
 */
export function parseDayList(text: string): { days: string[]; errors: string[] } {
  const days = new Set<string>();
  const errors: string[] = [];
  const norm = (s: string): string | null => {
    const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(s.trim());
    if (!m) return null;
    const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isValidDay(d) ? d : null;
  };
  for (const token of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const range = token.split(/~|～|至|到|—|–/);
    if (range.length === 2) {
      const a = norm(range[0]);
      const b = norm(range[1]);
      if (!a || !b || b < a) {
        errors.push(`无法识别：${token}`);
        continue;
      }
      for (let d = a; d <= b; d = shiftDay(d, 1)) {
        days.add(d);
        if (days.size > 400) break;
      }
      continue;
    }
    const d = norm(token);
    if (d) days.add(d);
    else errors.push(`无法识别：${token}`);
  }
  return { days: [...days].sort(), errors };
}

/** [2004, 2005, 2006, 2099] → ['2004–2006', '2099'] */
export function yearRanges(years: readonly number[]): string[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out;
}

type Values = { year?: number; holidays?: string; workdays?: string };

export function HolidayYearsPage() {
  const years = useHolidayYears();
  const load = useLoadHolidayYear();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const year = Form.useWatch('year', form);
  const holidaysText = Form.useWatch('holidays', form) ?? '';
  const workdaysText = Form.useWatch('workdays', form) ?? '';
  const holidays = useMemo(() => parseDayList(holidaysText), [holidaysText]);
  const workdays = useMemo(() => parseDayList(workdaysText), [workdaysText]);
  const checked = useMemo(
    () => (year && holidays.days.length ? mergeYear({ years: {} }, year, { holidays: holidays.days, workdays: workdays.days }) : null),
    [year, holidays.days, workdays.days],
  );
  const problems = [...holidays.errors, ...workdays.errors, ...(checked && !checked.ok ? checked.errors : [])];

  const covered = years.data?.years ?? [];
  const suggested = (() => {
    const y = dayjs().year();
    return covered.includes(y + 1) ? y + 2 : covered.includes(y) ? y + 1 : y;
  })();

  useEffect(() => {
    if (years.data && !form.isFieldTouched('year')) form.setFieldValue('year', suggested);
  }, [years.data, suggested, form]);

  async function submit(): Promise<void> {
    setServerErrors([]);
    setDone(null);
    const v = await form.validateFields();
    if (problems.length > 0 || !v.year) return;
    load.mutate(
      { year: v.year, holidays: holidays.days, workdays: workdays.days },
      {
        onSuccess: (r) => {
          const text = `已载入 ${r.year} 年节假日安排，重算了 ${r.recomputed} 件未办结办件的期限`;
          setDone(text);
          void message.success(text);
        },
        onError: (e) => setServerErrors(e.message.split('；')),
      },
    );
  }

  return (
    <PageShell title="节假日安排" subtitle="办理期限按工作日计算时使用；每年国务院办公厅公布次年安排后载入">
      <div className="panel" style={{ marginBottom: 16 }}>
        {years.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : years.isError ? (
          <Alert type="error" showIcon title="加载失败" description={years.error.message} />
        ) : (
          <>
            {years.data.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} className="form-alert" />
            ))}
            <Typography.Paragraph>
              <Typography.Text strong>已有数据的年份：</Typography.Text>
              {covered.length === 0 ? (
                <span className="muted">无</span>
              ) : (
                <span className="year-tags">
                  {yearRanges(covered).map((r) => (
                    <Tag key={r} color="blue">
                      {r}
                    </Tag>
                  ))}
                </span>
              )}
            </Typography.Paragraph>
            <Typography.Text type="secondary">数据来源：{years.data.source}</Typography.Text>
          </>
        )}
      </div>
      <div className="panel holiday-form">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          载入一年的安排
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          按国务院办公厅通知填写：放假日期（含周末在内的全部放假日）和调休上班日期（周六或周日）。日期用空格、逗号或换行分隔，连续的日期可写成
          2027-10-01~2027-10-07。已载入的年份会被替换，未办结办件的期限随之重算。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ year: suggested }} onFinish={() => void submit()}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
                <InputNumber<number> min={2004} max={2100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="holidays"
                label={`放假日期${holidays.days.length ? `（${holidays.days.length} 天）` : ''}`}
                rules={[{ required: true, whitespace: true, message: '请填写放假日期' }]}
              >
                <Input.TextArea rows={8} placeholder={'2027-01-01\n2027-02-05~2027-02-13\n…'} className="mono" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="workdays" label={`调休上班日期${workdays.days.length ? `（${workdays.days.length} 天）` : ''}`}>
                <Input.TextArea rows={8} placeholder={'2027-02-14\n2027-09-26\n…'} className="mono" />
              </Form.Item>
            </Col>
          </Row>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              title="请修改以下问题"
              description={
                <ul className="compact-list">
                  {problems.slice(0, 12).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
              className="form-alert"
            />
          )}
          {serverErrors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title="未能载入"
              description={
                <ul className="compact-list">
                  {serverErrors.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
              className="form-alert"
            />
          )}
          {done && <Alert type="success" showIcon title={done} className="form-alert" />}
          <Button type="primary" htmlType="submit" loading={load.isPending} disabled={problems.length > 0}>
            载入 {year ?? ''} 年安排
          </Button>
        </Form>
      </div>
    </PageShell>
  );
}
