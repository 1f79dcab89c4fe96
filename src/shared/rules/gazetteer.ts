// Who is named for major celebrations and the local gazetteer 地方志 (RULES.md: 退役军人保障法 Art. 63
// — 参战 veterans, 二等功 and above, provincial/theatre-level honorees; seed Part 3 五(三): 二等功及以上
// 推荐参加地方重大庆典活动，写入地方志). Pure: the registry's facts (its key group 二等功及以上, kept
// from the merits in service, where an honorary title 荣誉称号 ranks above 一等功; its care category
// 参战退役人员) and the honor after service recorded with the exemplar. The repo's SQL filter uses
// the same bits (`gazetteerBits`), and a test holds the two together.
import { careCategories } from '../schemas/recipients';
import { keyGroups } from '../schemas/visits';
import type { GazetteerGround, HonorLevel } from '../schemas/education';

export const gazetteerBits = {
  /** recipients.key_groups: 二等功及以上 (first, second, honorary title) */
  merit2: 1 << keyGroups.indexOf('merit2'),
  /** recipients.care_mask: 参战退役人员 */
  war: 1 << careCategories.indexOf('warVeteran'),
} as const;

/** Honor levels after service that count as provincial/theatre level or above. */
export const GAZETTEER_HONOR_LEVELS: readonly HonorLevel[] = ['provincial', 'theatre', 'national'];

export type GazetteerFacts = { keyGroupMask: number; careMask: number; honorLevel: HonorLevel | null };

export function gazetteerGroundsOf(f: GazetteerFacts): GazetteerGround[] {
  const out: GazetteerGround[] = [];
  if ((f.keyGroupMask & gazetteerBits.merit2) !== 0) out.push('merit2');
  if ((f.careMask & gazetteerBits.war) !== 0) out.push('war');
  if (f.honorLevel && GAZETTEER_HONOR_LEVELS.includes(f.honorLevel)) out.push('provincialHonor');
  return out;
}
