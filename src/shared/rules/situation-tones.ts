// The seven situations as a worker sees them at a glance: each stored level of each situation
// (situationLevels, unchanged) falls into one of three tones — normal 正常, attention 关注,
// difficulty 困难. The visit form colours its one-tap choices by tone and opens the note only for
// a level that is not normal; what is stored stays the situation's own level key.
import { situationLevels, type SituationKey } from '../schemas/recipients';

export const situationTones = ['normal', 'attention', 'difficulty'] as const;
export type SituationTone = (typeof situationTones)[number];
export const situationToneLabels: Record<SituationTone, string> = { normal: '正常', attention: '关注', difficulty: '困难' };

/**
 * The tone of every level. Difficulty is what the visit rules treat as one (a family's major
 * difficulty and an urgent need raise a 遇到困难 return visit; income below 低保 and a major family
 * difficulty make the person a key person), and their nearest kin (a serious illness, no work,
 * an unstable mind); attention is a level a worker keeps an eye on.
 */
export const situationLevelTones: Record<SituationKey, Record<string, SituationTone>> = {
  service: { normal: 'normal', merit: 'normal', special: 'attention' },
  family: { harmonious: 'normal', difficult: 'attention', major: 'difficulty' },
  health: { normal: 'normal', chronic: 'attention', disabled: 'attention', serious: 'difficulty' },
  income: { above: 'normal', near: 'attention', below: 'difficulty' },
  employment: { employed: 'normal', retired: 'normal', seeking: 'attention', none: 'difficulty' },
  thought: { stable: 'normal', concerns: 'attention', unstable: 'difficulty' },
  needs: { none: 'normal', some: 'attention', urgent: 'difficulty' },
};

/**
 * Shorter words for the few level labels too long for a one-tap choice on a 375-px phone (the
 * choice's accessible name stays the full label).
 */
export const situationShortLabels: Partial<Record<SituationKey, Record<string, string>>> = {
  service: { special: '参战参试等经历' },
  income: { above: '高于低保标准', near: '接近低保标准', below: '低于低保标准' },
};

/** The tone of a stored level; null for no level (not yet known) or a level the list does not have. */
export function situationTone(key: SituationKey, level: string | null | undefined): SituationTone | null {
  return level ? (situationLevelTones[key][level] ?? null) : null;
}

/** A situation's levels in tone order (normal first), each with its label and tone: the form's choices. */
export function situationChoices(key: SituationKey): { level: string; label: string; short: string; tone: SituationTone }[] {
  const order = (t: SituationTone) => situationTones.indexOf(t);
  return Object.entries(situationLevels[key])
    .map(([level, label]) => ({ level, label, short: situationShortLabels[key]?.[level] ?? label, tone: situationLevelTones[key][level] }))
    .sort((a, b) => order(a.tone) - order(b.tone));
}
