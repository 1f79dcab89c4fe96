// Where to go after a sign-in step, remembering the page the user first asked for.
// The remembered page is only read here (renders may repeat); RequireSession forgets it once
// the app is shown to an active user.
import type { MeDto } from '../../../shared/schemas/auth';
import { stagePath } from '../../api/query-client';

const NEXT_KEY = 'rj:next';

function safeNext(next: string | null): string | null {
  // only same-site paths of the app, never a protocol-relative or absolute URL
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
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
