// Every ledger 台账 names its responsible person (seed §10 专人负责) under its title, on both
// databases: the station head assigns a person to each ledger of the one list (the obligations page's
// list), each ledger's export prints "台账责任人：…" for the exported unit, a unit without one prints
// "台账责任人：未指定", and the list page's endpoint reads the same line. The table below maps each
// ledger to its export; it must name every ledger of the list, so a new ledger without an export here
// (or an export without its ledger in the list) fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { workbookOf } from '../helpers/xlsx';
import { MANY_LOGINS, demoUnits, ok, type Units } from '../../src/server/modules/recipients/recipients-test-support';
import { ledgerNames, type LedgerName, type LedgerResponsibleDto } from '../../src/shared/schemas/ledger-responsibles';

const EXPORTS: Record<LedgerName, string> = {
  退役军人信息台账: 'recipients',
  光荣牌悬挂台账: 'glory-plaques',
  走访慰问台账: 'visits',
  信访事项登记台账: 'petitions',
  矛盾纠纷排查化解台账: 'disputes',
  舆情信息报送台账: 'opinion-reports',
  帮扶援助台账: 'assistance',
  政策服务办件台账: 'applications',
  预约办理台账: 'appointments',
  一人一策帮扶台账: 'support-plans',
  '意见簿（监督卡）登记台账': 'feedback',
  权益维护案件台账: 'rights',
  法律援助台账: 'legal-aid',
  关爱服务记录台账: 'care-records',
  就业创业台账: 'employment',
  招聘会台账: 'job-fairs',
  退役军人培训台账: 'trainings',
  退役军人创业项目台账: 'ventures',
  零就业家庭台账: 'zero-employment-households',
  退役军人党员台账: 'party-members',
  组织关系转接台账: 'party-transfers',
  三会一课及主题党日台账: 'party-meetings',
  志愿服务队及示范岗台账: 'volunteer-teams',
  荣誉表彰台账: 'honors',
  优秀退役军人典型台账: 'exemplars',
  学习教育活动台账: 'education-activities',
  疑难问题台账: 'hard-problems',
  工作制度落实台账: 'obligations',
};

describe.each(dbKinds)('the responsible person on every ledger, %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let head: Agent;
  let county: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    head = await t.login('townshiphead');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The line under the title of the ledger's export for the unit (no watermark: a masked export). */
  const lineOf = async (a: Agent, ledger: LedgerName, unitId: string) => {
    const res = await a.get(`/api/ledgers/${EXPORTS[ledger]}?orgUnitId=${unitId}`);
    expect(res.statusCode, `${ledger}: ${res.body}`).toBe(200);
    const ws = (await workbookOf(res.rawPayload)).worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value), ledger).toContain(ledger);
    return String(ws.getRow(2).getCell(1).value);
  };

  it('prints each ledger’s person for the exported unit, and 未指定 where none is set', async () => {
    expect(Object.keys(EXPORTS).sort()).toEqual([...ledgerNames].sort());
    for (const [i, ledger] of ledgerNames.entries()) {
      ok(await head.put('/api/ledger-responsibles', { orgUnitId: units.township.id, ledger, personName: `责任人${i + 1}`, phone: '13857201234', version: 0 }));
    }
    for (const [i, ledger] of ledgerNames.entries()) {
      expect(await lineOf(county, ledger, units.township.id), ledger).toBe(`台账责任人：责任人${i + 1}　联系电话：13857201234`);
      expect(await lineOf(county, ledger, units.village1.id), ledger).toBe('台账责任人：未指定');
    }
  });

  it('reads one ledger’s line for its list page, in scope only', async () => {
    const one = ok<LedgerResponsibleDto>(await head.get(`/api/ledger-responsibles/one?ledger=${encodeURIComponent('走访慰问台账')}`));
    expect(one).toMatchObject({ ledger: '走访慰问台账', orgUnitId: units.township.id, personName: '责任人3', line: '台账责任人：责任人3　联系电话：13857201234' });
    const none = ok<LedgerResponsibleDto>(await county.get(`/api/ledger-responsibles/one?orgUnitId=${units.village1.id}&ledger=${encodeURIComponent('走访慰问台账')}`));
    expect(none).toMatchObject({ personName: null, line: '台账责任人：未指定' });
    const bad = await head.get(`/api/ledger-responsibles/one?ledger=${encodeURIComponent('不存在的台账')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('没有这个台账');
    expect((await head.get(`/api/ledger-responsibles/one?orgUnitId=${units.hanggaiVillage.id}&ledger=${encodeURIComponent('走访慰问台账')}`)).statusCode).toBe(404);
  });
});
