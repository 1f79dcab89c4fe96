// Browser test of 满意度调查 on the real server with the demo county: the county publishes a
// questionnaire and starts a survey over the people visited this month (through the API, as the
// pages send it); the letters page prints each invitation's QR code; a veteran opens the address
// on a 375-px phone without signing in, answers (a rating, a choice, words) and is thanked; the
// county's run page (1280 px) then counts the answer: response rate and satisfaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe.skipIf(!hasChromium)('surveys in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 60 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a veteran answers a survey on a phone; the county sees the answer counted', async () => {
    const sys = systemDb(server.app.ctx.db);
    const today = shanghaiToday();
    const county = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'county').executeTakeFirstOrThrow();
    const person = await sys.selectFrom('recipients').select(['id', 'name']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).orderBy('id').executeTakeFirstOrThrow();

    const d = await open('desktop');
    await signIn(d.page, 'county', '/surveys/questionnaires');
    const csrf = { 'x-csrf-token': (await d.context.cookies()).find((k) => k.name === 'rj_csrf')!.value, origin: server.url };
    const call = async <T,>(method: 'post' | 'get', path: string, data?: unknown): Promise<T> => {
      const res = method === 'post' ? await d.page.request.post(`${server.url}${path}`, { headers: csrf, data }) : await d.page.request.get(`${server.url}${path}`);
      expect(res.status(), await res.text()).toBe(method === 'post' && path === '/api/visits' ? 201 : 200);
      return (await res.json()) as T;
    };
    await call('post', '/api/visits', { clientKey: `e2e-survey-${Date.now()}`, recipientId: person.id, visitedOn: today, visitType: 'home', visitors: '县中心工作人员' });
    const questions = [
      { id: 'q1', kind: 'rating', text: '您对走访慰问服务是否满意？', options: [], required: true },
      { id: 'q2', kind: 'single', text: '工作人员是否向您讲解了相关政策？', options: ['讲解了', '没有讲解'], required: true },
      { id: 'q3', kind: 'text', text: '您的意见和建议', options: [], required: false },
    ];
    const q = await call<{ id: string; version: number }>('post', '/api/surveys/questionnaires', { orgUnitId: county.org_unit_id, title: '退役军人服务满意度问卷', intro: '请根据您的真实感受作答，约需两分钟。', questions });
    await call('post', `/api/surveys/questionnaires/${q.id}/publish`, { version: q.version });
    const run = await call<{ id: string; invited: number }>('post', '/api/surveys/runs', { questionnaireId: q.id, orgUnitId: county.org_unit_id, title: '本月走访慰问满意度调查', period: today.slice(0, 7), sources: ['visits'], sampleMode: 'all', sampleValue: null, closesOn: today });
    expect(run.invited).toBeGreaterThan(0);

    // the letters: one QR code per unanswered invitation
    await d.page.goto(`${server.url}/surveys/runs/${run.id}/letters`);
    await d.page.getByTestId('survey-letter').first().locator('img').waitFor();
    await shot(d.page, 'desktop-survey-letters');
    const letters = await call<{ items: { name: string; path: string }[] }>('get', `/api/surveys/runs/${run.id}/letters`);
    const mine = letters.items.find((l) => l.name === person.name)!;

    // the veteran, on a phone, without signing in
    const v = await open('phone');
    await v.page.goto(`${server.url}${mine.path}`);
    await v.page.getByText('退役军人服务满意度问卷').waitFor();
    await v.page.getByRole('button', { name: '提交评价' }).click();
    await v.page.getByText('本题为必答题，请作答').first().waitFor();
    await v.page.getByRole('radio', { name: /5\s*非常满意/ }).click();
    await v.page.getByRole('radio', { name: '讲解了' }).check();
    await v.page.getByLabel('您的意见和建议').fill('服务很周到，希望常来');
    await shot(v.page, 'phone-survey-answer');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: '提交评价' }).click();
    await v.page.getByText('感谢您的评价').waitFor();
    await shot(v.page, 'phone-survey-thanks');
    await noSideways(v.page);
    await v.context.close();

    // the county's run page counts it
    await d.page.goto(`${server.url}/surveys/runs/${run.id}`);
    await d.page.getByText(`1/${run.invited}`).first().waitFor();
    await d.page.getByText('100%').first().waitFor();
    await shot(d.page, 'desktop-survey-run');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
