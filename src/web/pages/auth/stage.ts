// Where to go after a sign-in step, remembering the page the user first asked for.
// The remembered page is only read here (renders may repeat); RequireSession forgets it once
// the app is shown to an active user.
import type { MeDto } from '../../../shared/schemas/auth';
import { stagePath } from '../../api/query-client';

const NEXT_KEY = 'rj:next';

/**
 * The page to come back to, if it is a path of this app: never an absolute or protocol-relative
 * URL (`//host`, or `/\host`, which browsers read as `//host`), nothing that resolves to another
 * origin, no sign-in page (a loop). Returns the path, query and hash as resolved.
 */
export function safeNext(next: string | null, origin: string = window.location.origin): string | null {
  if (!next || !next.startsWith('/') || next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname.startsWith('//')) return null;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname === '/public' || url.pathname.startsWith('/public/')) return null;
  return url.pathname + url.search + url.hash;
}

export function rememberNext(next: string | null): void {
  const safe = safeNext(next);
  try {
    if (safe) window.sessionStorage.setItem(NEXT_KEY, safe);
    else window.sessionStorage.removeItem(NEXT_KEY);
  } catch {
    // storage unavailable: the user lands on the home page
  }
}

export function forgetNext(): void {
  try {
    window.sessionStorage.removeItem(NEXT_KEY);
  } catch {
    // nothing to forget
  }
}

export function afterStage(me: MeDto): string {
  if (me.stage !== 'active') return stagePath(me.stage);
  try {
    return safeNext(window.sessionStorage.getItem(NEXT_KEY)) ?? '/';
  } catch {
    return '/';
  }
}
