import { describe, expect, it } from 'vitest';
import { safeReturnPath, withParams } from './return-path';

describe('return paths', () => {
  it('follows only the listed internal paths', () => {
    expect(safeReturnPath('/applications/new?item=abc')).toBe('/applications/new?item=abc');
    for (const bad of [null, '', 'https://evil.example/applications/new', '//evil.example/applications/new', '/\\evil.example', 'javascript:alert(1)', '/recipients', '/applications/new/../../admin', 'applications/new'])
      expect(safeReturnPath(bad), String(bad)).toBeNull();
  });
  it('adds the record made', () => {
    expect(withParams('/applications/new?item=a', { recipient: 'r1', name: '张三' })).toBe(`/applications/new?item=a&recipient=r1&name=${encodeURIComponent('张三')}`);
  });
});
