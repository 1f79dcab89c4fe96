import { describe, expect, it } from 'vitest';
import { maskNameForNotice } from './public-notice';

describe('maskNameForNotice (the name on a 公示)', () => {
  it('keeps the first and the last character and masks the middle', () => {
    expect(maskNameForNotice('张晓明')).toBe('张*明');
    expect(maskNameForNotice('欧阳娜娜')).toBe('欧**娜');
    expect(maskNameForNotice('买买提·吐尔逊')).toBe('买*****逊');
  });
  it('a two-character name shows its surname only; one character stays', () => {
    expect(maskNameForNotice('张三')).toBe('张*');
    expect(maskNameForNotice('张')).toBe('张');
  });
});
