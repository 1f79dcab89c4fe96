// Helpers for tests that book appointments: a unit's bookable items, and a public account signed
// in as a browser would be.
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import { newPersonId } from '../petitions/petitions-test-support';
import type { Agent } from '../../../../test/helpers/app';

/** The bookable items of a unit (the demo county's starter catalog, inherited below it), by name. */
export async function itemsOf(t: { agent: () => Agent }, unitId: string): Promise<{ id: string; name: string; materials: { name: string }[] }[]> {
  const res = await t.agent().get(`/api/public/org-units/${unitId}/bookable-items`);
  if (res.statusCode !== 200) throw new Error(`itemsOf: ${res.body}`);
  return (res.json() as { items: { id: string; name: string; materials: { name: string }[] }[] }).items;
}

let phoneSeq = 3000;
/** Registers a public account on this agent (the app needs a small PUBLIC_POW_DIFFICULTY); returns its ID number and mobile. */
export async function registerPublic(a: Agent, name = '周振华', idNumber = newPersonId('1960-03-01')): Promise<{ idNumber: string; phone: string }> {
  const c = (await a.get('/api/public/accounts/challenge')).json() as { challenge: string; difficulty: number };
  phoneSeq += 1;
  const res = await a.post('/api/public/accounts', {
    name,
    idNumber,
    phone: `1390572${phoneSeq}`,
    password: 'Veteran@2026',
    privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
    pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
  });
  if (res.statusCode !== 200) throw new Error(`registerPublic: ${res.body}`);
  return { idNumber, phone: `1390572${phoneSeq}` };
}

/** Signs a registered public account in again (after the clock moved past its idle timeout). */
export async function signInPublic(a: Agent, phone: string): Promise<void> {
  const res = await a.post('/api/public/session', { phone, password: 'Veteran@2026' });
  if (res.statusCode !== 200) throw new Error(`signInPublic: ${res.body}`);
}

/** POST as a public account: the CSRF header comes from the public cookie. */
export function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}
