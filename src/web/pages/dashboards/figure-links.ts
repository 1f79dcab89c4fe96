// The records behind a dashboard number: the module's list page filtered to the unit's range and
// the period exactly as the figure counts them (the overview test checks each such list's total
// against the figure). Figures without a list that filters this way get no link.
import { recipientGroups, employmentStatuses } from '../../../shared/schemas/recipients';

export type LinkArgs = { unitId: string; from: string; to: string; period: string };

const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

const links: Record<string, (a: LinkArgs) => string> = {
  'recipients.registered': (a) => q('/recipients', { orgUnitId: a.unitId, status: 'registered' }),
  'recipients.living': (a) => q('/recipients', { orgUnitId: a.unitId, deceased: 'false' }),
  'visits.done': (a) => q('/visits', { orgUnitId: a.unitId, from: a.from, to: a.to }),
  'petitions.received': (a) => q('/petitions', { orgUnitId: a.unitId, receivedFrom: a.from, receivedTo: a.to }),
  'disputes.found': (a) => q('/disputes', { orgUnitId: a.unitId, foundFrom: a.from, foundTo: a.to }),
  'applications.closed': (a) => q('/applications', { orgUnitId: a.unitId, closedIn: a.period }),
  'applications.oneRun': (a) => q('/applications', { orgUnitId: a.unitId, closedIn: a.period, manyRuns: 'false' }),
};
for (const g of recipientGroups) links[`recipients.byGroup${cap(g)}`] = (a) => q('/recipients', { orgUnitId: a.unitId, group: g, deceased: 'false' });
for (const s of employmentStatuses) links[`recipients.byEmployment${cap(s)}`] = (a) => q('/recipients', { orgUnitId: a.unitId, employment: s, deceased: 'false' });

/** The list page behind a figure's number, or null. */
export function figureLink(key: string, a: LinkArgs): string | null {
  const make = links[key];
  // the applications list filters closed periods of month, quarter and year only
  if (key.startsWith('applications.') && a.period.includes('-H')) return null;
  return make ? make(a) : null;
}
