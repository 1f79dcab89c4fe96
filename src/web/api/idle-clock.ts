// When the staff session ends for idleness, as the server last said (header x-idle-remaining on
// every signed-in answer, shared/schemas/auth.ts): the idle warning counts down from it. The
// deadline is kept in this page's clock (performance.now), so the device's wall clock does not matter.
type Listener = () => void;

let deadline: number | null = null;
const listeners = new Set<Listener>();

/** Called by the fetch wrapper with the header's value of each answer. */
export function noteIdleRemaining(header: string | null): void {
  if (header === null) return;
  const seconds = Number(header);
  if (!Number.isFinite(seconds)) return;
  deadline = performance.now() + seconds * 1000;
  for (const l of listeners) l();
}

/** Forgets the deadline (signed out). */
export function clearIdleDeadline(): void {
  deadline = null;
  for (const l of listeners) l();
}

/** Milliseconds left before the server ends the session, or null when unknown. */
export function idleMillisLeft(): number | null {
  return deadline === null ? null : deadline - performance.now();
}

export function subscribeIdleDeadline(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The deadline itself, for useSyncExternalStore. */
export function idleDeadline(): number | null {
  return deadline;
}
