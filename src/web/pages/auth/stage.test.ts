// The page the sign-in page returns to (?next=) is a path of this app and nothing else: no open redirect.
import { describe, expect, it } from 'vitest';
import { safeNext } from './stage';

const origin = 'https://rongjia.example.gov.cn';

describe('safeNext', () => {
  it('keeps a path of the app with its query', () => {
    expect(safeNext('/visits/new?dueVisit=abc&recipient=1', origin)).toBe('/visits/new?dueVisit=abc&recipient=1');
    expect(safeNext('/recipients/123/edit', origin)).toBe('/recipients/123/edit');
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['absolute URL', 'https://evil.example/x'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash read as a slash', '/\\evil.example/x'],
    ['tab inside', '/\t/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['relative', 'visits'],
    ['the sign-in page (a loop)', '/login?next=/x'],
    ['a sign-in step', '/login/totp'],
  ])('refuses %s', (_name, next) => {
    expect(safeNext(next, origin)).toBeNull();
  });

  it('keeps encoded slashes as a path of this origin', () => {
    const r = safeNext('/%2F%2Fevil.example', origin)!;
    expect(new URL(r, origin).origin).toBe(origin);
    expect(r.startsWith('//')).toBe(false);
  });
});
