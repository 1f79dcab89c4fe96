// JSON list columns (stored as text on both databases): read back as an array, an unreadable or
// non-list value as empty. The one reader every module's row mapping uses.
export function parseJsonList<T>(s: string): T[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}
