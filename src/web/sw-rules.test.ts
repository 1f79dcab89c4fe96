// The service worker's rules without a browser: which answers it keeps (masked lists and pages of
// the user's own work, never a reveal, an export, a key or a file), and that offline opening is
// offered only in a secure context (HTTPS or localhost): over plain HTTP the app says it needs HTTPS.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterDataMessage, FRESH, isFieldData, offlineSupport, REFRESH_WAITS_MS, staleRefresher, type DataFreshness, type SwDataMessage } from './sw-rules';
import { cachedAgeText } from './components/network-banner';

describe('service worker rules', () => {
  it('keeps the field lists and pages, nothing sensitive', () => {
    for (const p of ['/api/me', '/api/work-queue', '/api/work-queue/count', '/api/due-visits', '/api/due-visits/abc', '/api/recipients', '/api/recipients/abc', '/api/recipients/abc/visits', '/api/visits/staff'])
      expect(isFieldData(p), p).toBe(true);
    for (const p of [
      '/api/recipients/abc/reveal',
      '/api/recipients/abc/documents',
      '/api/recipients/abc/documents/f1',
      '/api/recipients/abc/history',
      '/api/recipients/check-id',
      '/api/recipients/duplicates',
      '/api/recipients/export',
      '/api/me/draft-key',
      '/api/me/sealing-key',
      '/api/visits/sealed',
      '/api/visits/abc/photos/f1',
      '/api/ledgers/visits',
      '/api/visits',
      '/api/audit-logs',
      '/api/petitions',
    ])
      expect(isFieldData(p), p).toBe(false);
  });

  it('offline opening needs a secure context; plain HTTP keeps today’s behaviour and says why', () => {
    expect(offlineSupport({ isSecureContext: true, hasServiceWorker: true })).toBe('ready');
    expect(offlineSupport({ isSecureContext: false, hasServiceWorker: true })).toBe('needs-https');
    // (an insecure page has no navigator.serviceWorker at all)
    expect(offlineSupport({ isSecureContext: false, hasServiceWorker: false })).toBe('needs-https');
    expect(offlineSupport({ isSecureContext: true, hasServiceWorker: false })).toBe('unsupported');
  });

  it('says how old the kept data is', () => {
    const now = new Date(2026, 11, 4, 23, 50);
    expect(cachedAgeText(new Date(2026, 11, 4, 23, 45).toISOString(), now)).toBe('12月4日 23:45（5 分钟前）');
    expect(cachedAgeText(new Date(2026, 11, 4, 23, 50).toISOString(), now)).toBe('12月4日 23:50（刚刚）');
    expect(cachedAgeText(new Date(2026, 11, 4, 20, 5).toISOString(), now)).toBe('12月4日 20:05（3 小时前）');
    expect(cachedAgeText(new Date(2026, 11, 1, 9, 0).toISOString(), now)).toBe('12月1日 09:00（3 天前）');
  });

  it('orders what it is told by when each request began: a late kept copy does not bring the banner back', () => {
    const fresh = (requestedAt: number): SwDataMessage => ({ type: 'rj-data', source: 'network', requestedAt });
    const kept = (requestedAt: number, cachedAt: string): SwDataMessage => ({ type: 'rj-data', source: 'cache', requestedAt, cachedAt, path: '/api/due-visits' });
    const run = (...ms: SwDataMessage[]): DataFreshness => ms.reduce(afterDataMessage, FRESH);
    // offline: two kept copies, the banner gives the older one
    expect(run(kept(10, '2026-12-04T09:00:00Z'), kept(11, '2026-12-04T08:00:00Z')).cachedAt).toBe('2026-12-04T08:00:00Z');
    // back online: a fresh answer clears it
    expect(run(kept(10, '2026-12-04T09:00:00Z'), fresh(20)).cachedAt).toBeNull();
    // a request begun while offline fails after the fresh answer arrived: still fresh
    expect(run(kept(10, '2026-12-04T09:00:00Z'), fresh(20), kept(15, '2026-12-04T09:00:00Z')).cachedAt).toBeNull();
    // a fresh answer to a request older than the one that failed does not clear it
    expect(run(kept(30, '2026-12-04T09:00:00Z'), fresh(20)).cachedAt).toBe('2026-12-04T09:00:00Z');
    // and a later failure after a fresh answer shows the banner again
    expect(run(fresh(20), kept(30, '2026-12-04T09:00:00Z')).cachedAt).toBe('2026-12-04T09:00:00Z');
  });

  describe('fetching again while kept copies are shown and the browser is online', () => {
    afterEach(() => vi.useRealTimers());

    it('refreshes after each wait, longer each time, and stops once fresh or offline', () => {
      vi.useFakeTimers();
      const refresh = vi.fn();
      const r = staleRefresher(refresh);
      r.update(true, false); // offline: nothing to try
      vi.advanceTimersByTime(120_000);
      expect(refresh).not.toHaveBeenCalled();

      r.update(true, true);
      vi.advanceTimersByTime(REFRESH_WAITS_MS[0] - 1);
      expect(refresh).toHaveBeenCalledTimes(0);
      vi.advanceTimersByTime(1);
      expect(refresh).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(REFRESH_WAITS_MS[1]);
      expect(refresh).toHaveBeenCalledTimes(2);
      r.update(true, true); // told again: the waits go on, no second timer
      vi.advanceTimersByTime(REFRESH_WAITS_MS[2]);
      expect(refresh).toHaveBeenCalledTimes(3);
      // the last wait repeats
      vi.advanceTimersByTime(REFRESH_WAITS_MS[3] + REFRESH_WAITS_MS[4] * 3);
      expect(refresh).toHaveBeenCalledTimes(7);

      r.update(false, true); // a fresh answer: stops
      vi.advanceTimersByTime(600_000);
      expect(refresh).toHaveBeenCalledTimes(7);

      r.update(true, true); // stale again: starts over from the first wait
      vi.advanceTimersByTime(REFRESH_WAITS_MS[0]);
      expect(refresh).toHaveBeenCalledTimes(8);
      r.update(true, false); // offline: stops
      vi.advanceTimersByTime(600_000);
      expect(refresh).toHaveBeenCalledTimes(8);
    });
  });
});
