// Days are dates in Asia/Shanghai (YYYY-MM-DD); times are UTC ISO strings.

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// China has kept UTC+8 without summer time since 1991-09-15: from 1992 on the day is read from
// the instant plus eight hours, with no Intl call (every list row's age needs today).
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const FIXED_OFFSET_UNTIL = Date.UTC(10000, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;
const two = (n: number) => (n < 10 ? '0' : '') + n;

/** The calendar day in China of an instant. */
export function shanghaiDay(instant: Date): string {
  const t = instant.getTime();
  if (t >= FIXED_OFFSET_FROM && t < FIXED_OFFSET_UNTIL) {
    const d = new Date(t + EIGHT_HOURS);
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  }
  return dayFormatter.format(instant);
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(new Date(iso).getTime() + seconds * 1000).toISOString();
}

export function secondsBetween(fromIso: string, toIso: string): number {
  return (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000;
}
