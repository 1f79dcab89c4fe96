// DayPicker: an antd DatePicker whose value is a 'YYYY-MM-DD' string (or null), so that form
// values stay plain JSON (local drafts, zod schemas) instead of dayjs objects.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  /** the latest day that can be chosen ('YYYY-MM-DD'), e.g. today for a birth or death date */
  maxDay?: string;
  minDay?: string;
  picker?: 'date' | 'month';
  style?: CSSProperties;
  'aria-label'?: string;
};

export function DayPicker(props: Props) {
  const format = props.picker === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  const value = props.value ? dayjs(props.value) : null;
  return (
    <DatePicker
      id={props.id}
      aria-label={props['aria-label']}
      picker={props.picker}
      value={value && value.isValid() ? value : null}
      format={format}
      placeholder={props.placeholder ?? (props.picker === 'month' ? '年-月' : '年-月-日')}
      disabled={props.disabled}
      style={props.style ?? { width: '100%' }}
      disabledDate={(d) =>
        (!!props.maxDay && d.format('YYYY-MM-DD') > props.maxDay) ||
        (!!props.minDay && d.format('YYYY-MM-DD') < props.minDay)
      }
      onChange={(d) =>
        props.onChange?.(d ? (props.picker === 'month' ? d.startOf('month') : d).format('YYYY-MM-DD') : null)
      }
    />
  );
}

/** Today in the user's time zone as 'YYYY-MM-DD'. */
export function todayDay(): string {
  return dayjs().format('YYYY-MM-DD');
}
