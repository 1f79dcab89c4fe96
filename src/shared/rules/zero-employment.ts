// 零就业家庭 (§23): a household where no member of working age is employed while at least one of
// them is out of work. Working age is a setting (default 16–60: the seed and RULES.md give no
// figure; 16 is the legal working age, 60 the common retirement age). Members without a known birth
// year or status count neither way: the worker confirms each candidate before it is flagged.
import type { employmentStatuses } from '../schemas/recipients';

export type EmploymentStatus = (typeof employmentStatuses)[number];
export type HouseholdMember = { name: string; birthYear: number | null; status: EmploymentStatus | null | undefined };
export type WorkingAge = { minAge: number; maxAge: number };
export const DEFAULT_WORKING_AGE: WorkingAge = { minAge: 16, maxAge: 60 };

const EMPLOYED: ReadonlySet<string> = new Set(['employed', 'selfEmployed']);

export function isWorkingAge(birthYear: number | null, year: number, age: WorkingAge): boolean {
  if (birthYear === null) return false;
  const a = year - birthYear;
  return a >= age.minAge && a <= age.maxAge;
}

export type ZeroEmploymentVerdict = { zero: boolean; workingAge: number; unemployed: number; employed: number };

/** Whether the household's members make it a zero-employment household in `year`. */
export function zeroEmploymentVerdict(members: readonly HouseholdMember[], year: number, age: WorkingAge = DEFAULT_WORKING_AGE): ZeroEmploymentVerdict {
  let workingAge = 0;
  let unemployed = 0;
  let employed = 0;
  for (const m of members) {
    if (!isWorkingAge(m.birthYear, year, age)) continue;
    workingAge++;
    if (m.status && EMPLOYED.has(m.status)) employed++;
    else if (m.status === 'unemployed') unemployed++;
  }
  return { zero: employed === 0 && unemployed > 0, workingAge, unemployed, employed };
}
