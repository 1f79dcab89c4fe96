// Formula injection on every ledger and report workbook, through the HTTP API on both databases:
// a text that a spreadsheet could take for a formula comes back from the exported workbook as the
// exact text (no apostrophe added), as a string cell that no spreadsheet evaluates (a shared or
// inline string, never t="str" — the type of a formula's result — and never a formula), in the
// text format so that editing the cell keeps it text.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { cellTypeAttr, cellsWithText, workbookOf, zipPart } from '../helpers/xlsx';
import { MANY_LOGINS, demoUnits, makeId, ok, registerApproved, type Units } from '../../src/server/modules/recipients/recipients-test-support';
import { petitionBody, registerPetition } from '../../src/server/modules/petitions/petitions-test-support';
import type { RecipientDetail } from '../../src/shared/schemas/recipients';

const RISKY = ['=HYPERLINK("http://x.example","点我")', '+1', '-2', '@SUM(A1)'];

describe.each(dbKinds)('formula injection on every export, %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let village: Agent;
  let township: Agent;
  let county: Agent;
  const people: RecipientDetail[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    village = await t.login('village');
    township = await t.login('township');
    county = await t.login('county');
    let seq = 700;
    for (const v of RISKY) {
      seq += 2;
      // the risky text as the record's notes, its household's address (the plaque ledger's 家庭住址)
      people.push(
        await registerApproved(village, county, {
          kind: 'veteran',
          orgUnitId: units.village1.id,
          name: `公式${people.length + 1}`,
          idNumber: makeId('1970-01-01', seq),
          recipientGroup: 'dischargedSoldier',
          notes: v,
          household: { mode: 'new', address: v },
        }),
      );
    }
    for (const [i, v] of RISKY.entries()) {
      const p = people[i];
      ok(await village.post('/api/glory-plaques', { householdId: p.household!.id, basis: 'application', appliedOn: '2026-06-01', applicant: '本人' }));
      const visit = await village.post('/api/visits', { clientKey: `formula-${kind}-${i}-abcdef`, recipientId: p.id, visitedOn: '2026-06-15', visitType: 'home', visitors: v, needs: v });
      expect([200, 201], visit.body).toContain(visit.statusCode);
      await registerPetition(township, petitionBody(units.township.id, township.me!.id, { address: v, request: v }));
      ok(
        await village.post('/api/disputes', {
          orgUnitId: units.village1.id,
          foundOn: '2026-06-10',
          method: 'homeVisit',
          parties: [{ name: '王大山' }],
          summary: v,
          riskLevel: 'medium',
          responsibleUserId: village.me!.id,
          deadline: '2026-06-30',
        }),
      );
      ok(await village.post('/api/opinion-reports', { foundAt: '2026-06-15T01:30:00.000Z', source: '抖音', summary: v, people: '王大山', level: 'major' }));
    }
    // the monthly summary's texts are unit names: a grid named like a formula
    const grid = await (await t.login('admin')).get(`/api/org-units?parentId=${units.village1.id}`);
    const gridId = (ok<{ items: { id: string; level: string }[] }>(grid).items.find((u) => u.level === 'grid') ?? { id: '' }).id;
    expect(gridId).not.toBe('');
    ok(await (await t.login('admin')).patch(`/api/org-units/${gridId}`, { name: RISKY[0] }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const exportsOf = () => [
    ['退役军人信息台账', `/api/ledgers/recipients?orgUnitId=${units.village1.id}`, RISKY],
    ['信访事项登记台账', '/api/ledgers/petitions', RISKY],
    ['走访慰问台账', '/api/ledgers/visits', RISKY],
    ['矛盾纠纷排查化解台账', '/api/ledgers/disputes', RISKY],
    ['矛盾纠纷月度汇总', `/api/disputes/summary/export?orgUnitId=${units.village1.id}&month=2026-06`, [RISKY[0]]],
    ['舆情信息报送台账', '/api/ledgers/opinion-reports', RISKY],
    ['光荣牌悬挂台账', '/api/ledgers/glory-plaques', RISKY],
  ] as const;

  it.each(['退役军人信息台账', '信访事项登记台账', '走访慰问台账', '矛盾纠纷排查化解台账', '矛盾纠纷月度汇总', '舆情信息报送台账', '光荣牌悬挂台账'])('%s keeps the exact text as a string cell, never a formula', async (name) => {
    const [, url, texts] = exportsOf().find((e) => e[0] === name)!;
    const res = await county.get(url);
    expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(200);
    const wb = await workbookOf(res.rawPayload);
    const ws = wb.worksheets[0];
    const xml = zipPart(res.rawPayload, 'xl/worksheets/sheet1.xml');
    expect(xml, name).not.toContain('<f>');
    expect(xml, name).not.toMatch(/<f[\s>]/);
    for (const text of texts) {
      const cells = cellsWithText(ws, text);
      expect(cells.length, `${name}: a cell reading exactly ${text}`).toBeGreaterThan(0);
      for (const c of cells) {
        expect(c.type, `${name} ${c.address}`).toBe(ExcelJS.ValueType.String);
        expect(c.formula, `${name} ${c.address}`).toBeUndefined();
        expect(['s', 'inlineStr'], `${name} ${c.address} ${text}`).toContain(cellTypeAttr(xml, c.address));
        expect(c.numFmt, `${name} ${c.address}`).toBe('@');
      }
      // and nowhere behind an apostrophe
      expect(cellsWithText(ws, `'${text}`), `${name}: '${text}`).toEqual([]);
    }
  });
});
