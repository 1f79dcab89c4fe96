// 人岗匹配 at city scale: one opening ranked against 100,000 job seekers of a city (a page of 20 with
// reasons), and the ranked openings for one seeker among 5,000 openings, each timed 50 times.
// Targets: p95 ≤ 200 ms and ≤ 50 ms. The rule is pure (shared/rules/job-matching.ts), so the bench
// needs no database; the seekers are generated with a fixed seed.
//   npx tsx bench/job-matching-bench.ts [--json]   (BENCH_MATCH_SEEKERS, default 100000; BENCH_MATCH_OPENINGS, default 5000)
// npm run bench runs it as one of its scenarios.
import { industryCodes, matchReasons, matchScore, rankPage, skillCodes, type Opening, type Seeker } from '../src/shared/rules/job-matching';

const SEEKERS = Number(process.env.BENCH_MATCH_SEEKERS ?? 100_000);
const OPENINGS = Number(process.env.BENCH_MATCH_OPENINGS ?? 5_000);
const RUNS = 50;

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (n: number) => Math.floor(rnd() * n);
const bits = (n: number, k: number) => {
  let m = 0;
  for (let i = 0; i < k; i++) m |= 1 << pick(n);
  return m;
};
// a city of 5 counties × 10 townships × 26 villages
const village = () => `/city/c${pick(5)}/t${pick(10)}/v${pick(26)}/`;

const seekers: (Seeker & { id: string })[] = Array.from({ length: SEEKERS }, (_, i) => {
  const home = village();
  return {
    id: `s${String(i).padStart(7, '0')}`,
    skills: bits(skillCodes.length, 1 + pick(3)),
    industries: rnd() < 0.2 ? 0 : bits(industryCodes.length, 1 + pick(2)),
    workTime: (['full', 'part', 'any'] as const)[pick(3)],
    homePath: home,
    placePaths: rnd() < 0.5 ? [] : [home.split('/').slice(0, 3).join('/') + '/'],
    payMin: rnd() < 0.3 ? null : 3000 + pick(5) * 500,
  };
});
const openingAt = (i: number): Opening & { id: string } => {
  const c = pick(5);
  return {
    id: `o${String(i).padStart(6, '0')}`,
    skills: bits(skillCodes.length, pick(3)),
    industry: 1 << pick(industryCodes.length),
    workTime: rnd() < 0.8 ? 'full' : 'part',
    placePath: `/city/c${c}/`,
    placeName: `县${c}`,
    placeCountyPath: `/city/c${c}/`,
    placeCityPath: '/city/',
    payMin: 3000,
    payMax: 3500 + pick(8) * 500,
  };
};
const openings = Array.from({ length: OPENINGS }, (_, i) => openingAt(i));

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))];
}
function timed(fn: () => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const forOpening = timed(() => {
  const o = openings[pick(openings.length)];
  const r = rankPage(seekers, (s) => matchScore(s, o), (s) => s.id, { offset: 0, limit: 20 });
  for (const x of r.ranked) matchReasons(x.item, o);
});
const forSeeker = timed(() => {
  const s = seekers[pick(seekers.length)];
  const r = rankPage(openings, (o) => matchScore(s, o), (o) => o.id, { offset: 0, limit: 20 });
  for (const x of r.ranked) matchReasons(s, x.item);
});

const ms = (x: number) => `${x.toFixed(2)} ms`;
const rows = [
  { scenario: `人岗匹配：一个岗位对 ${SEEKERS.toLocaleString('en')} 名求职人员排序（首页 20 条含理由）`, rows: SEEKERS, metric: 'p95', ours: ms(p95(forOpening)), bare: '—', ratio: '—', target: '≤ 200 ms', met: p95(forOpening) <= 200 ? 'yes' : 'NO' },
  { scenario: `人岗匹配：一名求职人员对 ${OPENINGS.toLocaleString('en')} 个岗位排序（首页 20 条含理由）`, rows: OPENINGS, metric: 'p95', ours: ms(p95(forSeeker)), bare: '—', ratio: '—', target: '≤ 50 ms', met: p95(forSeeker) <= 50 ? 'yes' : 'NO' },
];
if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }));
else for (const r of rows) console.log(`${r.scenario}: ${r.metric} ${r.ours} (target ${r.target}, ${r.met})`);
