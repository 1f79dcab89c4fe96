// The months a figure query's days cover ('2026-04-01'..'2026-06-31' → 2026-04, 05, 06): figures read
// from monthly roll-ups (applications' closed, bookings by day) sum these months' buckets.
export function monthsOfDays(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (let i = 0; i < 1200; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
