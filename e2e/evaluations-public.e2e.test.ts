// Browser test of 考评结果公开 (Part 12 四(五)) with grades 等次, on the real server with the demo
// county: the county's round over two village stations is set up through the API (a set of one
// entered indicator, so the totals are known: 92 优秀 and 85.5 良好), self-assessed by each village,
// scored and published by the county. The staff results page is read at 1280 px and 375 px (and
// exported at 1280 px: the .xlsx holds each unit's rank, total and grade); the
// public page `/public/units/<county>/evaluations` is opened on a phone without signing in and shows
// each unit with its total, rank and grade — and no person, note or problem. The round, the unit's
// report and the set's band editor show the grade and the bands. Screenshots of the results pages at
// both widths and of the others at 1280 px go to test-results/evaluations-public-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { button, hasChromium, openBrowserWorld, pageKit, type TestServer, apiCall as call } from './browser';

type Detail = { id: string; version: number; status: string; grade: string | null };

describe.skipIf(!hasChromium)('the public evaluation results in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));
  let countyId = '';
  let roundId = '';
  let setId = '';
  const names = { village1: '', village2: '' };


  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
    const sys = systemDb(server.app.ctx.db);
    const unitOf = (username: string) => sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.name']).where('username', '=', username).executeTakeFirstOrThrow();
    const [county, v1, v2] = await Promise.all([unitOf('county'), unitOf('village'), unitOf('village2')]);
    countyId = county.id;
    names.village1 = v1.name;
    names.village2 = v2.name;

    // the county's set (one entered indicator of 100 points, the default bands) and its round over both villages
    const c = await open('desktop');
    await signIn(c.page, 'county');
    const today = await c.page.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    const indicators = [{ key: 'work', name: '综合工作落实', weight: 100, method: 'entered', formula: '阵地建设、走访慰问、台账管理等综合落实情况；附佐证材料' }];
    const set = await call<{ id: string; grades: { name: string; min: number }[] }>(c.page, 'POST', '/api/evaluations/sets', { orgUnitId: countyId, basedOn: null, name: '村级服务站综合考评', kind: 'annual', level: 'village', indicators });
    expect(set.grades.map((g) => g.name)).toEqual(['优秀', '良好', '合格', '不合格']);
    const round = await call<{ id: string; evaluations: { id: string; orgUnitId: string }[] }>(c.page, 'POST', '/api/evaluations/rounds', {
      orgUnitId: countyId,
      setId: set.id,
      title: `${today.slice(0, 4)}年度村级服务站综合考评`,
      period: today.slice(0, 4),
      unitIds: [v1.id, v2.id],
      selfDueDay: today,
      scorerMode: 'upper',
    });
    roundId = round.id;
    setId = set.id;

    // each village self-assesses and submits; the county scores (92 and 85.5) and publishes
    for (const [username, unitId, points] of [
      ['village', v1.id, 92],
      ['village2', v2.id, 85.5],
    ] as const) {
      const id = round.evaluations.find((e) => e.orgUnitId === unitId)!.id;
      const v = await open('desktop');
      await signIn(v.page, username);
      let d = await call<Detail>(v.page, 'GET', `/api/evaluations/${id}`);
      d = await call<Detail>(v.page, 'PUT', `/api/evaluations/${id}/self`, { version: d.version, items: [{ key: 'work', selfScore: 95, selfNote: '刘秀英填报：阵地六有齐全' }] });
      await call<Detail>(v.page, 'POST', `/api/evaluations/${id}/submit`, { version: d.version });
      await v.context.close();
      await call(c.page, 'PUT', `/api/evaluations/${id}/sheet`, { items: [{ key: 'work', score: points, problem: '走访台账未按月归档' }] });
      d = await call<Detail>(c.page, 'GET', `/api/evaluations/${id}`);
      d = await call<Detail>(c.page, 'POST', `/api/evaluations/${id}/score`, { version: d.version });
      d = await call<Detail>(c.page, 'POST', `/api/evaluations/${id}/publish`, { version: d.version });
      expect([d.status, d.grade]).toEqual(['published', points === 92 ? '优秀' : '良好']);
    }
    await c.context.close();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the staff results page shows each unit with its total, grade and rank at 1280 and 375 px', async () => {
    for (const size of ['desktop', 'phone'] as const) {
      const p = await open(size);
      await signIn(p.page, 'county', `/evaluations/rounds/${roundId}/results`);
      const table = p.page.getByTestId('results-table');
      const first = table.locator('tbody tr').filter({ hasText: names.village1 });
      await first.getByText('优秀').waitFor();
      await expect(first.innerText()).resolves.toMatch(/1[\s\S]*92[\s\S]*优秀/);
      await table.locator('tbody tr').filter({ hasText: names.village2 }).getByText('良好').waitFor();
      await expect(p.page.getByTestId('grade-counts').innerText()).resolves.toMatch(/优秀\s*1 个[\s\S]*良好\s*1 个[\s\S]*合格\s*0 个/);
      if (size === 'phone') {
        // the indicators' scores fold into the unit's row on a phone
        await first.getByRole('button', { name: /展开/ }).click();
        await expect(table.getByTestId('results-scores').innerText()).resolves.toMatch(/综合工作落实（100）\s*92/);
      }
      await shot(p.page, `evaluations-public-staff-${size === 'phone' ? 375 : 1280}`);
      if (size === 'phone') await noSideways(p.page);
      else {
        // 导出: the same rows with the grade, as .xlsx
        const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('results-export').click()]);
        expect(download.suggestedFilename()).toMatch(/考评结果-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile((await download.path())!);
        const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1, 5));
        expect(rows).toContainEqual([1, names.village1, 92, '优秀']);
        expect(rows).toContainEqual([2, names.village2, 85.5, '良好']);
      }
      await p.context.close();
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("the unit's report, the round and the set show the grade and the bands", async () => {
    const p = await open('desktop');
    await signIn(p.page, 'county', `/evaluations/rounds/${roundId}`);
    const row = p.page.getByTestId(`round-unit-${names.village1}`);
    await row.getByText('优秀').waitFor();
    await p.page.getByText('优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，不合格 < 60').waitFor();
    await shot(p.page, 'evaluations-public-round-1280');
    await row.getByRole('link', { name: names.village1 }).click();
    await p.page.getByTestId('evaluation-grade').getByText('优秀').waitFor();
    await shot(p.page, 'evaluations-public-report-1280');
    // the set's bands are edited with the set (its problems shown as typed)
    await p.page.goto(`${server.url}/evaluations/sets`);
    await p.page.getByText('村级服务站综合考评（1 项）').click();
    await p.page.getByTestId(`grades-${setId}`).getByText('优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，不合格 < 60').waitFor();
    await button(p.page, '修改').click();
    const grades = p.page.getByTestId('edit-grades');
    await grades.getByLabel('第 2 档分数线').fill('95');
    await grades.getByTestId('grade-problems').getByText(/“良好”的分数线（95）应低于“优秀”（90）/).waitFor();
    await shot(p.page, 'evaluations-public-set-editor-1280');
    await p.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a phone without signing in reads the public results: unit, total, rank and grade, and no personal data', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const p = await open(size);
      await p.page.goto(`${server.url}/public/units/${encodeURIComponent(countyId)}/evaluations`);
      const block = p.page.getByTestId('public-round').filter({ hasText: '村级服务站综合考评' });
      const rows = block.getByTestId('public-result');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      const first = rows.filter({ hasText: names.village1 });
      await expect(first.getByLabel('第 1 名').isVisible()).resolves.toBe(true);
      await expect(first.innerText()).resolves.toMatch(/92 分[\s\S]*优秀/);
      const second = rows.filter({ hasText: names.village2 });
      await expect(second.getByLabel('第 2 名').isVisible()).resolves.toBe(true);
      await expect(second.innerText()).resolves.toMatch(/85\.5 分[\s\S]*良好/);
      await block.getByText(/等次：优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，不合格 < 60/).waitFor();
      // units and scores only: no staff names, notes or problems
      const text = await p.page.locator('body').innerText();
      for (const hidden of ['李红梅', '刘秀英', '赵明', '阵地六有齐全', '走访台账未按月归档']) expect(text).not.toContain(hidden);
      await shot(p.page, `evaluations-public-page-${size === 'phone' ? 375 : 1280}`);
      if (size === 'phone') await noSideways(p.page);
      await p.context.close();
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
