// Registry figures 人员底数 (issue 16's figure registry; see platform/figures.ts).
import { defineFigure } from '../../platform/figures';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'recipients.registered',
  module: 'recipients',
  label: '在册服务对象',
  formula: '范围内已入库（县级审核通过）的服务对象人数，按当前库内数据',
  unit: 'count',
  kind: 'stock',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'registered')
      .where(pathWithin('org_path', q.path))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});
