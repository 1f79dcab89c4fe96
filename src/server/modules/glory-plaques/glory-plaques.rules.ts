// Who gives a household a plaque (RULES.md "Glory plaques"), what a plaque counts towards in the
// roll-ups. Pure: no database.
import type { PlaqueGround } from '../../../shared/schemas/glory-plaques';
import type { Bucket } from '../../platform/rollups.repo';

export type MemberFacts = {
  kind: string;
  recipient_group: string;
  status: string;
  deceased: number;
  merged_into: string | null;
  certificates: string;
};

/** 伤残民兵民工 and 无军籍职工 are served by the centers but are not veterans: no plaque from them. */
const NOT_VETERANS = new Set(['disabledMilitia', 'nonMilitaryRetiree']);
const SURVIVOR_GROUND: Record<string, PlaqueGround> = {
  martyrSurvivor: 'martyrFamily',
  dutyDeathSurvivor: 'dutyDeathFamily',
  illnessDeathSurvivor: 'illnessDeathFamily',
};
const SURVIVOR_CERTS = new Set(['martyrCert', 'dutyDeathCert', 'illnessDeathCert']);

/**
 * Only a living member whose record the county has approved (入库) counts: a draft's
 * certificate has not been checked yet, and a merged duplicate is not a person.
 */
function counts(m: MemberFacts): boolean {
  return !m.merged_into && !m.deceased && m.status === 'registered';
}

/** What one member gives the household, or null. */
export function groundOf(m: MemberFacts): PlaqueGround | null {
  if (!counts(m)) return null;
  const survivor = SURVIVOR_GROUND[m.kind];
  if (survivor) return survivor;
  if (m.kind === 'militaryFamily') return 'militaryFamily';
  if (m.kind === 'veteran' && !NOT_VETERANS.has(m.recipient_group)) return 'veteranFamily';
  return null;
}

function certificateKinds(m: MemberFacts): string[] {
  try {
    const list = JSON.parse(m.certificates) as unknown;
    return Array.isArray(list) ? list.map((c) => String((c as { kind?: unknown })?.kind ?? '')) : [];
  } catch {
    return [];
  }
}

/**
 * A certificate holder's household gets a plaque without asking: a 三属 survivor with a
 * 烈士证明书 / 因公牺牲军人证明书 / 病故军人证明书, or a disabled veteran with a 残疾军人证.
 */
export function holdsCertificate(m: MemberFacts): boolean {
  const ground = groundOf(m);
  if (!ground) return false;
  const kinds = certificateKinds(m);
  if (ground === 'martyrFamily' || ground === 'dutyDeathFamily' || ground === 'illnessDeathFamily') return kinds.some((k) => SURVIVOR_CERTS.has(k));
  if (ground === 'veteranFamily') return kinds.includes('disabledVeteranCert');
  return false;
}

export type HouseholdEligibility = { grounds: PlaqueGround[]; certificateHolder: boolean };

/** The household's grounds (each once, in a fixed order) and whether it needs no application. */
export function householdEligibility(members: readonly MemberFacts[]): HouseholdEligibility {
  const order: PlaqueGround[] = ['martyrFamily', 'dutyDeathFamily', 'illnessDeathFamily', 'militaryFamily', 'veteranFamily'];
  const found = new Set(members.map(groundOf).filter((g): g is PlaqueGround => !!g));
  return { grounds: order.filter((g) => found.has(g)), certificateHolder: members.some(holdsCertificate) };
}

/** The roll-up buckets of a plaque: one, its status, under the metric 'plaque'. */
export function plaqueBuckets(p: { status: string } | undefined | null): Bucket[] {
  return p ? [{ metric: 'plaque', bucket: p.status }] : [];
}
