// Files of an application's materials checklist through the real API on both databases: upload
// against one material (PDF / JPEG / PNG / WEBP, content checked against the type, 3 MB at most),
// encrypted at rest at the application's unit, listed by material, downloads audited, removal
// audited and refused once decided; other units get 404 and refused requests change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb, type SystemDb } from '../../db/system';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { ApplicationDetail } from '../../../shared/schemas/applications';
import type { MaterialFileDto, MaterialFilesDto } from '../../../shared/schemas/application-materials';
import type { ServiceItemDto } from '../../../shared/schemas/service-items';
import { demoUnits, expectRefused, makeId, MANY_LOGINS, ok, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';
import { localItemBody } from '../service-items/service-items-test-support';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

describe.each(dbKinds)('application material files on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let village2: Agent;
  let city: Agent;
  let item: ServiceItemDto;
  let app: ApplicationDetail;

  const up = (by: Agent, index: number, mime: string, bytes: Buffer, name = '材料.png') =>
    by.post(`/api/applications/${app.id}/materials/${index}/files`, { name, mime, dataBase64: bytes.toString('base64') });
  const files = async (by: Agent = village) => ok<MaterialFilesDto>(await by.get(`/api/applications/${app.id}/files`));
  const audits = (action: string) => sys.selectFrom('audit_logs').select(['detail', 'username']).where('action', '=', action).where('target_id', '=', app.id).orderBy('seq').execute();
  const fileRows = () => sys.selectFrom('files').selectAll().where('owner_type', '=', 'application').orderBy('id').execute();
  const act = async (by: Agent, action: string, comment = '', data?: unknown) => {
    const d = ok<ApplicationDetail>(await by.get(`/api/applications/${app.id}`));
    return ok<ApplicationDetail>(await by.post(`/api/applications/${app.id}/actions`, { action, comment, version: d.version, data }));
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    village2 = await t.login('village2');
    city = await t.login('city');
    item = ok<ServiceItemDto>(
      await county.post('/api/service-items', localItemBody(units.county.id, {
        name: '本县退役军人材料上传测试事项',
        materials: [
          { name: '身份证', form: 'copy', count: 1, note: '' },
          { name: '退役证', form: 'originalAndCopy', count: 1, note: '' },
        ],
        steps: [{ level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' }],
      })),
    );
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '材料甲', makeId('19700101', 61)));
    // 退役证 missing at receipt: returned, told at once
    app = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: person.id, itemId: item.id, received: [true, false], channel: 'inPerson' }));
    expect(app.status).toBe('returned');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('uploads against a material, encrypted at the application unit; the checklist is ticked only by the kernel action; downloads are audited', async () => {
    const png = ok<MaterialFileDto>(await up(village, 0, 'image/png', PNG, '身份证.png'));
    expect(png).toMatchObject({ materialIndex: 0, materialName: '身份证', name: '身份证.png', mime: 'image/png', size: PNG.length });
    const pdf = ok<MaterialFileDto>(await up(village, 1, 'application/pdf', PDF, '退役证.pdf'));
    ok(await up(village, 1, 'image/jpeg', JPEG, '退役证背面.jpg'));
    // the upload records the file only: 退役证 stays missing until 补正材料 ticks it
    let d = ok<ApplicationDetail>(await village.get(`/api/applications/${app.id}`));
    expect(d.materials.map((m) => m.received)).toEqual([true, false]);
    expect(d.status).toBe('returned');
    const listed = await files();
    expect(listed.open).toBe(true);
    expect(listed.items.map((f) => [f.materialName, f.name])).toEqual([
      ['身份证', '身份证.png'],
      ['退役证', '退役证.pdf'],
      ['退役证', '退役证背面.jpg'],
    ]);
    // the township and county above read the list; the other village does not
    expect((await files(county)).items).toHaveLength(3);
    expectRefused(await village2.get(`/api/applications/${app.id}/files`), 404);
    // encrypted at rest, placed at the application's unit
    for (const f of await fileRows()) {
      expect(f.org_path).toBe(units.village1.path);
      expect(f.data_enc).not.toContain('%PDF');
      expect(f.data_enc).not.toContain(PNG.toString('base64').slice(0, 40));
    }
    // the download gives the same bytes and is audited as a view of personal data
    for (const [id, bytes, mime] of [[png.id, PNG, 'image/png'], [pdf.id, PDF, 'application/pdf']] as const) {
      const res = await village.get(`/api/applications/${app.id}/files/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(mime);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);
    }
    expect((await audits('application.material-view')).map((a) => a.detail)).toEqual(['身份证：身份证.png', '退役证：退役证.pdf']);
    expect((await audits('application.material-add')).map((a) => a.detail)).toEqual(['身份证：身份证.png', '退役证：退役证.pdf', '退役证：退役证背面.jpg']);
    // not for another unit, not for those who may not see personal data, not through another application
    expectRefused(await village2.get(`/api/applications/${app.id}/files/${png.id}`), 404);
    expectRefused(await city.get(`/api/applications/${app.id}/files/${png.id}`), 403);
    expectRefused(await village.get(`/api/applications/${app.id}/files/no-such-file`), 404);
    expect(await audits('application.material-view')).toHaveLength(2);
    // 补正材料 ticks it through the kernel
    d = await act(village, 'resubmit', '', { received: [true, true] });
    expect(d.status).toBe('review');
  });

  it('refuses a wrong type, a file over 3 MB, an unknown material and another unit, changing nothing', async () => {
    const before = JSON.stringify(await fileRows());
    expectRefused(await up(village, 0, 'application/pdf', PNG), 400, /类型不符/);
    expectRefused(await up(village, 0, 'image/jpeg', PNG), 400, /类型不符/);
    expectRefused(await up(village, 0, 'image/webp', PNG), 400, /类型不符/);
    expectRefused(await up(village, 0, 'image/gif', Buffer.from('GIF89a')), 400, /JPG/);
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024 + 1 - PNG.length)]);
    expectRefused(await up(village, 0, 'image/png', big), 400, /3 MB/);
    expectRefused(await up(village, 0, 'image/png', Buffer.concat([big, Buffer.alloc(200_000)])), 400, /3 MB/);
    expectRefused(await village.post(`/api/applications/${app.id}/materials/0/files`, { name: 'x.png', mime: 'image/png', dataBase64: '@@@' }), 400, /编码/);
    expectRefused(await up(village, 2, 'image/png', PNG), 400, /材料清单/);
    expectRefused(await up(village, -1, 'image/png', PNG), 400);
    expectRefused(await village.post(`/api/applications/${app.id}/materials/abc/files`, { name: 'x.png', mime: 'image/png', dataBase64: PNG.toString('base64') }), 400);
    expectRefused(await up(village2, 0, 'image/png', PNG), 404);
    expectRefused(await city.post(`/api/applications/${app.id}/materials/0/files`, { name: 'x.png', mime: 'image/png', dataBase64: PNG.toString('base64') }), 403);
    const some = (await files()).items[0];
    expectRefused(await village2.request('DELETE', `/api/applications/${app.id}/files/${some.id}`), 404);
    expect(JSON.stringify(await fileRows())).toBe(before);
  });

  it('removes a file before the decision (audited); once decided, no upload and no removal', async () => {
    const [first, second] = (await files()).items;
    const after = ok<MaterialFilesDto>(await village.request('DELETE', `/api/applications/${app.id}/files/${first.id}`));
    expect(after.items.map((f) => f.id)).not.toContain(first.id);
    expect((await audits('application.material-delete')).map((a) => a.detail)).toEqual(['身份证：身份证.png']);
    expectRefused(await village.request('DELETE', `/api/applications/${app.id}/files/${first.id}`), 404);
    // the county decides
    await act(county, 'opinionToDecision', '符合条件', { agree: true });
    expect((await act(county, 'approve', '')).status).toBe('approved');
    const before = JSON.stringify(await fileRows());
    expect((await files()).open).toBe(false);
    expectRefused(await village.request('DELETE', `/api/applications/${app.id}/files/${second.id}`), 409, /已作出决定/);
    expectRefused(await up(village, 0, 'image/png', PNG), 409, /已作出决定/);
    expect(JSON.stringify(await fileRows())).toBe(before);
    // still readable
    expect((await village.get(`/api/applications/${app.id}/files/${second.id}`)).statusCode).toBe(200);
  });
});
