import { describe, expect, it } from 'vitest';
import { situationKeys, situationLevels } from '../schemas/recipients';
import { raisesDifficulty } from './visit-rules';
import { situationChoices, situationLevelTones, situationTone } from './situation-tones';

describe('situation tones', () => {
  it('gives every stored level of every situation exactly one tone, and nothing more', () => {
    for (const k of situationKeys) {
      expect(Object.keys(situationLevelTones[k]).sort()).toEqual(Object.keys(situationLevels[k]).sort());
      // each situation has a normal level to confirm, and something that is not normal
      const tones = new Set(Object.values(situationLevelTones[k]));
      expect(tones.has('normal')).toBe(true);
      expect(tones.size).toBeGreaterThan(1);
    }
  });

  it('keeps what the visit rules call a difficulty a difficulty', () => {
    expect(raisesDifficulty({ needs: { level: 'urgent' } })).toBe(true);
    expect(situationTone('needs', 'urgent')).toBe('difficulty');
    expect(raisesDifficulty({ family: { level: 'major' } })).toBe(true);
    expect(situationTone('family', 'major')).toBe('difficulty');
    expect(situationTone('income', 'below')).toBe('difficulty');
  });

  it('reads no level and an unknown level as no tone', () => {
    expect(situationTone('health', null)).toBeNull();
    expect(situationTone('health', 'bogus')).toBeNull();
    expect(situationTone('health', 'chronic')).toBe('attention');
  });

  it('lists the choices normal first, with the stored level keys and their labels', () => {
    const c = situationChoices('employment');
    expect(c.map((x) => x.tone)).toEqual(['normal', 'normal', 'attention', 'difficulty']);
    expect(c.map((x) => x.level).sort()).toEqual(Object.keys(situationLevels.employment).sort());
    expect(c.find((x) => x.level === 'none')?.label).toBe('无业');
    const income = situationChoices('income').find((x) => x.level === 'below')!;
    expect(income.label).toBe('低于最低生活保障标准');
    expect(income.short).toBe('低于低保标准');
    for (const k of situationKeys) for (const x of situationChoices(k)) expect([...x.short].length).toBeLessThanOrEqual(7);
  });
});
