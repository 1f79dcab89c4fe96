// The fair bare comparator for the signed-in list, in its own process: plain Fastify and the
// driver (better-sqlite3 or pg), no session, no permission, no schema. It answers GET /list with
// the page our GET /api/recipients answers for a whole range (the same 20 rows in the same order,
// the same columns under the same keys, the total from the same roll-up row), so the two
// responses are the same size (bench/run.ts prints both sizes). Prints `LISTENING <url>`.
//   BENCH_BARE_SQLITE=<file> | BENCH_BARE_PG=<url>, BENCH_BARE_UNIT=<org unit id>
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import Fastify from 'fastify';

const columns = `r.id, r.name, r.gender, r.birth_date as "birthDate", r.death_date as "deathDate", r.id_number_masked as "idNumberMasked",
  r.phone_masked as "phoneMasked", r.org_unit_id as "orgUnitId", u.name as "orgUnitName", r.kind, r.recipient_group as "recipientGroup",
  r.care_mask as "careCategories", r.discharge_type as "dischargeType", r.employment_status as "employmentStatus",
  r.disability_grade as "disabilityGrade", r.status, r.deceased, r.situations_filled as "situationsFilled"`;
const listSql = `select ${columns} from recipients r join org_units u on u.id = r.org_unit_id
  where r.merged_into is null and r.org_path >= ? and r.org_path < ? order by r.org_path, r.name, r.id limit 20 offset 0`;
const unitSql = 'select path from org_units where id = ?';
const totalSql = `select n from rollups where unit_id = ? and metric = 'total' and n <> 0`;

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

function open(): { query: Query; close: () => Promise<void> } {
  if (process.env.BENCH_BARE_SQLITE) {
    const db = new BetterSqlite3(process.env.BENCH_BARE_SQLITE, { readonly: true });
    const cache = new Map<string, BetterSqlite3.Statement>();
    return {
      query: async (text, params) => {
        let st = cache.get(text);
        if (!st) cache.set(text, (st = db.prepare(text)));
        return st.all(...(params as never[])) as Record<string, unknown>[];
      },
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: process.env.BENCH_BARE_PG, max: 20 });
  const names = new Map<string, string>();
  return {
    query: async (text, params) => {
      let i = 0;
      const t = text.replace(/\?/g, () => `$${++i}`);
      let name = names.get(t);
      if (!name) names.set(t, (name = `bare${names.size}`));
      return (await pool.query({ name, text: t, values: params })).rows as Record<string, unknown>[];
    },
    close: async () => pool.end(),
  };
}

async function main() {
  const db = open();
  const unitId = process.env.BENCH_BARE_UNIT!;
  const app = Fastify();
  app.get('/list', async () => {
    // per request, as ours does: the unit's path, the page, the total
    const unit = (await db.query(unitSql, [unitId]))[0] as { path: string };
    const items = await db.query(listSql, [unit.path, unit.path + '~']);
    const total = Number((await db.query(totalSql, [unitId]))[0]?.n ?? 0);
    return { items, total: Math.min(total, 10000), totalCapped: total > 10000, page: 1, pageSize: 20 };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${url}\n`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
