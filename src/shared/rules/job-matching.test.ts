import { describe, expect, it } from 'vitest';
import { codesOf, industryMask, matchReasons, matchScore, rankPage, reviewCutoff, skillCodes, skillMask, type Opening, type Seeker } from './job-matching';

// 湖州市 /c/ > 安吉县 /c/a/ > 孝丰镇 /c/a/x/ > 村 /c/a/x/v/; 德清县 /c/d/
const opening: Opening = {
  skills: skillMask(['forklift', 'driverB2']),
  industry: industryMask(['transport']),
  workTime: 'full',
  placePath: '/c/a/',
  placeName: '安吉县',
  placeCountyPath: '/c/a/',
  placeCityPath: '/c/',
  payMin: 4000,
  payMax: 6000,
};
const seeker = (over: Partial<Seeker>): Seeker => ({ skills: 0, industries: 0, workTime: 'any', homePath: '/c/a/x/v/', placePaths: [], payMin: null, ...over });

describe('job matching', () => {
  it('masks round-trip and ignore unknown codes', () => {
    const m = skillMask(['cook', 'forklift', 'nope']);
    expect(codesOf(skillCodes, m)).toEqual(['forklift', 'cook']);
  });

  it('a seeker with every requirement, the industry, the place, the time and the pay scores 100 with reasons', () => {
    const s = seeker({ skills: skillMask(['forklift', 'driverB2', 'cook']), industries: industryMask(['transport']), workTime: 'full', placePaths: ['/c/a/'], payMin: 5000 });
    expect(matchScore(s, opening)).toBe(100);
    expect(matchReasons(s, opening)).toEqual(['技能：叉车证 ✓', '技能：驾驶证B2 ✓', '行业：交通运输、仓储和邮政业 ✓', '意向地：安吉县 ✓', '全职 ✓', '薪酬：4000–6000 元/月（期望 5000）✓']);
  });

  it('each part counts as weighed', () => {
    const base = seeker({ skills: skillMask(['forklift', 'driverB2']), industries: industryMask(['transport']), workTime: 'full', placePaths: ['/c/a/'] });
    expect(matchScore(base, opening)).toBe(100);
    expect(matchScore({ ...base, skills: skillMask(['forklift']) }, opening)).toBe(80); // half the skills
    expect(matchScore({ ...base, industries: industryMask(['catering']) }, opening)).toBe(80);
    expect(matchScore({ ...base, industries: 0 }, opening)).toBe(90); // no intention: half
    expect(matchScore({ ...base, workTime: 'part' }, opening)).toBe(90);
    expect(matchScore({ ...base, payMin: 7000 }, opening)).toBe(90);
    expect(matchScore({ ...base, placePaths: ['/c/d/'] }, opening)).toBe(90); // wants 德清, lives in 安吉: same county
    expect(matchScore({ ...base, placePaths: [], homePath: '/c/d/y/' }, opening)).toBe(88); // lives in the same city
    expect(matchScore({ ...base, placePaths: [], homePath: '/z/q/' }, opening)).toBe(80); // elsewhere
    expect(matchReasons({ ...base, placePaths: [], homePath: '/z/q/', skills: 0 }, opening)).toContain('技能：叉车证 ✗');
  });

  it('ranks a fixture of seekers as expected, ties by key, paged', () => {
    const people: (Seeker & { id: string })[] = [
      { id: 'p1', ...seeker({ skills: skillMask(['cook']), industries: industryMask(['catering']), workTime: 'part', homePath: '/z/q/' }) },
      { id: 'p2', ...seeker({ skills: skillMask(['forklift', 'driverB2']), industries: industryMask(['transport']), workTime: 'full', placePaths: ['/c/a/'] }) },
      { id: 'p3', ...seeker({ skills: skillMask(['forklift']), placePaths: ['/c/a/x/'] }) },
      { id: 'p4', ...seeker({ skills: skillMask(['driverB2']), placePaths: ['/c/a/'] }) },
      { id: 'p0', ...seeker({ skills: skillMask(['forklift', 'driverB2']), industries: industryMask(['transport']), workTime: 'full', placePaths: ['/c/a/'], payMin: 9000 }) },
    ];
    const all = rankPage(people, (p) => matchScore(p, opening), (p) => p.id, { offset: 0, limit: 10 });
    expect(all.ranked.map((r) => [r.item.id, r.score])).toEqual([
      ['p2', 100],
      ['p0', 90],
      ['p3', 70],
      ['p4', 70],
      ['p1', 10],
    ]);
    const second = rankPage(people, (p) => matchScore(p, opening), (p) => p.id, { offset: 2, limit: 2 });
    expect(second.ranked.map((r) => r.item.id)).toEqual(['p3', 'p4']);
    const good = rankPage(people, (p) => matchScore(p, opening), (p) => p.id, { offset: 0, limit: 10, minScore: 60 });
    expect(good.total).toBe(4);
  });
});

describe('review cutoff', () => {
  it('goes back whole months, clamped to the month end', () => {
    expect(reviewCutoff('2026-12-05', 6)).toBe('2026-06-05');
    expect(reviewCutoff('2026-08-31', 6)).toBe('2026-02-28');
    expect(reviewCutoff('2026-03-15', 3)).toBe('2025-12-15');
    expect(reviewCutoff('2026-03-15', 15)).toBe('2024-12-15');
  });
});
