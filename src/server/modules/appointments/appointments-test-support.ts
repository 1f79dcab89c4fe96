// Helpers for tests that book appointments: a small service catalog (until the service-items
// module is merged and read directly), and a public account signed in as a browser would be.
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import { AppError } from '../../platform/errors';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import { newPersonId } from '../petitions/petitions-test-support';
import { useServiceCatalog, type ServiceCatalog } from './appointments.catalog';
import type { Agent } from '../../../../test/helpers/app';

export const TEST_ITEMS = [
  { id: 'item-disability', name: '残疾等级评定', materials: [{ name: '本人身份证', form: 'originalAndCopy' as const, count: 1, note: '', required: true }, { name: '医疗诊断证明', form: 'original' as const, count: 1, note: '二级以上医院出具', required: true }] },
  { id: 'item-pension', name: '抚恤金申领', materials: [{ name: '退役证明', form: 'copy' as const, count: 1, note: '', required: true }] },
];

const snapshot = (i: (typeof TEST_ITEMS)[number]) => ({ id: i.id, version: 1, name: i.name, materials: i.materials, steps: [], noticeRequired: false, noticeDays: null, decider: '', resultDocument: '', handoff: null });

/** Every unit's catalog holds the test items. */
export const testCatalog: ServiceCatalog = {
  forUse: async (_trx, _path, itemId) => {
    const i = TEST_ITEMS.find((x) => x.id === itemId);
    if (!i) throw new AppError(404, 'NOT_FOUND', '未找到该服务事项');
    return snapshot(i);
  },
  publicCatalog: async () => TEST_ITEMS.map((i) => ({ id: i.id, name: i.name, materials: i.materials })),
};

export function useTestCatalog(): void {
  useServiceCatalog(testCatalog);
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
