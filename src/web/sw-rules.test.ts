// The service worker's rules without a browser: which answers it keeps (masked lists and pages of
// the user's own work, never a reveal, an export, a key or a file), and that offline opening is
// offered only in a secure context (HTTPS or localhost): over plain HTTP the app says it needs HTTPS.
import { describe, expect, it } from 'vitest';
import { isFieldData, offlineSupport } from './sw-rules';
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
});
