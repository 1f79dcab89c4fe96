// A page that sends the user elsewhere and expects them back (采集新人员 from the application
// form, then back with the new record selected) passes `return=<path>`. Only the internal paths
// listed here are followed: never another origin, a protocol or an arbitrary page.
const RETURN_PATHS = ['/applications/new'] as const;

/** The return path if it is one of ours (its query kept), else null. */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 500) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://internal.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://internal.invalid') return null;
  if (!(RETURN_PATHS as readonly string[]).includes(url.pathname)) return null;
  return `${url.pathname}${url.search}`;
}

/** The return path with extra query parameters (the record made). */
export function withParams(path: string, params: Record<string, string>): string {
  const url = new URL(path, 'http://internal.invalid');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}
