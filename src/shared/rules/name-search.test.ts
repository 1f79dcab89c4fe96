import { describe, expect, it } from 'vitest';
import { PINYIN_PREFIX, nameTokens, queryTokens } from './name-search';

describe('nameTokens', () => {
  it('indexes characters, pairs and pinyin-initial prefixes', () => {
    expect(nameTokens('张卫东')).toEqual(['张', '卫', '东', '张卫', '卫东', 'py:z', 'py:zw', 'py:zwd']);
  });

  it('indexes a two-character name', () => {
    expect(nameTokens('李娜')).toEqual(['李', '娜', '李娜', 'py:l', 'py:ln']);
  });

  it('deduplicates repeated characters and pairs', () => {
    expect(nameTokens('王乐乐')).toEqual(['王', '乐', '王乐', '乐乐', 'py:w', 'py:wl', 'py:wll']);
  });

  it('reads polyphonic surnames as surnames and adds the everyday reading', () => {
    expect(nameTokens('单小明')).toEqual(['单', '小', '明', '单小', '小明', 'py:s', 'py:sx', 'py:sxm', 'py:d', 'py:dx', 'py:dxm']);
    expect(nameTokens('曾国藩').filter((t) => t.startsWith(PINYIN_PREFIX))).toEqual(['py:z', 'py:zg', 'py:zgf', 'py:c', 'py:cg', 'py:cgf']);
    expect(nameTokens('解放')).toContain('py:xf');
    expect(nameTokens('区志强')).toContain('py:ozq');
  });

  it('reads compound surnames', () => {
    expect(nameTokens('欧阳修')).toEqual(['欧', '阳', '修', '欧阳', '阳修', 'py:o', 'py:oy', 'py:oyx']);
    expect(nameTokens('尉迟恭')).toContain('py:ycg');
    expect(nameTokens('万俟卨')).toContain('py:mqx');
  });

  it('drops separators inside ethnic-minority names', () => {
    const tokens = nameTokens('阿依古丽·买买提');
    expect(tokens).toContain('古丽');
    expect(tokens).toContain('买提');
    expect(tokens).toContain('py:aygl');
    expect(tokens).toContain('py:ayglmmt');
    expect(tokens.some((t) => t.includes('·'))).toBe(false);
  });

  it('stops the initials at a character pinyin-pro cannot read', () => {
    expect(nameTokens('李𠮷明')).toEqual(['李', '𠮷', '明', '李𠮷', '𠮷明', 'py:l']);
  });

  it('keeps Latin words bare and lower case, apart from the marked initials', () => {
    expect(nameTokens('John Smith')).toEqual(['john', 'smith']);
    expect(nameTokens('Ma Lin')).toEqual(['ma', 'lin']);
    expect(nameTokens('马林')).toContain('py:ml');
    expect(nameTokens('马林')).not.toContain('ml');
  });

  it('treats full-width and stray spaces alike', () => {
    expect(nameTokens(' 张 卫东 ')).toEqual(nameTokens('张卫东'));
    expect(nameTokens('')).toEqual([]);
  });
});

describe('queryTokens', () => {
  it('a one- or two-character query is one token', () => {
    expect(queryTokens('张')).toEqual(['张']);
    expect(queryTokens('卫东')).toEqual(['卫东']);
    expect(queryTokens(' 卫 东 ')).toEqual(['卫东']);
  });

  it('a longer query is its adjacent pairs', () => {
    expect(queryTokens('张卫东')).toEqual(['张卫', '卫东']);
    expect(queryTokens('欧阳小明')).toEqual(['欧阳', '阳小', '小明']);
    expect(queryTokens('王乐乐乐')).toEqual(['王乐', '乐乐']);
  });

  it('an all-Latin query is a pinyin-initials prefix, lower case', () => {
    expect(queryTokens('zwd')).toEqual(['py:zwd']);
    expect(queryTokens('ZW')).toEqual(['py:zw']);
    expect(queryTokens('ｚｗ')).toEqual(['py:zw']);
  });

  it('a mixed query turns its Han characters into initials and also requires them', () => {
    expect(queryTokens('张wd')).toEqual(['py:zwd', '张']);
    expect(queryTokens('单xm')).toEqual(['py:sxm', '单']);
    expect(queryTokens('z卫d')).toEqual(['py:zwd', '卫']);
  });

  it('returns nothing for a query with nothing searchable', () => {
    expect(queryTokens('')).toEqual([]);
    expect(queryTokens('  ·  ')).toEqual([]);
    expect(queryTokens('123')).toEqual([]);
  });
});

describe('name search end to end (tokens as an AND index)', () => {
  const people = ['张卫东', '李卫东', '张三', '赵文达', '单小明', '曾国藩', '欧阳修', '阿依古丽·买买提', '张卫', 'John Smith'];
  const index = new Map(people.map((p) => [p, new Set(nameTokens(p))]));
  const search = (q: string) => {
    const tokens = queryTokens(q);
    if (tokens.length === 0) return [];
    return people.filter((p) => tokens.every((t) => index.get(p)?.has(t)));
  };

  it('finds by one or two characters anywhere in the name', () => {
    expect(search('张')).toEqual(['张卫东', '张三', '张卫']);
    expect(search('卫东')).toEqual(['张卫东', '李卫东']);
    expect(search('东')).toEqual(['张卫东', '李卫东']);
    expect(search('古丽')).toEqual(['阿依古丽·买买提']);
  });

  it('finds the full name by its pairs', () => {
    expect(search('张卫东')).toEqual(['张卫东']);
    expect(search('张卫')).toEqual(['张卫东', '张卫']);
    expect(search('李卫东')).toEqual(['李卫东']);
    expect(search('张东')).toEqual([]);
  });

  it('finds by initials prefix', () => {
    expect(search('zwd')).toEqual(['张卫东', '赵文达']);
    expect(search('zw')).toEqual(['张卫东', '赵文达', '张卫']);
    expect(search('lwd')).toEqual(['李卫东']);
    expect(search('wd')).toEqual([]); // initials match from the start of the name
    expect(search('张wd')).toEqual(['张卫东']);
    expect(search('z文d')).toEqual(['赵文达']);
  });

  it('finds polyphonic surnames by either reading', () => {
    expect(search('sxm')).toEqual(['单小明']);
    expect(search('dxm')).toEqual(['单小明']);
    expect(search('zgf')).toEqual(['曾国藩']);
    expect(search('cgf')).toEqual(['曾国藩']);
    expect(search('oyx')).toEqual(['欧阳修']);
  });

  it('does not confuse initials with Latin names', () => {
    expect(search('js')).toEqual([]);
    expect(search('john')).toEqual([]);
  });
});
