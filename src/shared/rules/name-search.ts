// Tokens for the person-name index (DESIGN.md "Name search").
//
// Chinese names are 2–4 characters and people type one or two of them, which a trigram index
// cannot match. So a name is indexed as:
//   - each Han character and each adjacent pair:      张卫东 → 张 卫 东 张卫 卫东
//   - each prefix of its pinyin initials, marked 'py:': py:z py:zw py:zwd
//   - each Latin word of a non-Chinese name, bare:    John Smith → john smith
// and a query becomes tokens that must ALL be present (an AND of exact token lookups):
//   - 1–2 Han characters: one token (张 / 卫东); 3 or more: its adjacent pairs (张卫 卫东);
//   - Latin letters only ('zwd', 'ZW'): one pinyin-initials prefix token (py:zwd);
//   - Han and Latin mixed ('张wd'): the Han characters turned into initials (py:zwd), plus
//     each Han character as typed (张).
//
// Why a 'py:' marker: initials and Latin words live in one token space, and without the marker
// the query 'ma' (initials of 马安) would also hit every "Ma" in a Latin name. The colon is not
// a letter, so no Latin word and no Han token can collide with a marked token. For SQLite FTS5
// declare the column with `tokenize = "unicode61 tokenchars ':'"` (or store tokens in a separate
// table) so the colon stays inside the token; on PostgreSQL a text[] with GIN takes them as is.
//
// Polyphonic characters: initials come from pinyin-pro's surname mode (单 shàn, 曾 zēng,
// 解 xiè, 区 ōu, 尉迟 yùchí, 万俟 mòqí). Because people often type a surname's everyday reading
// (单 as dan), the initials of the ordinary reading are indexed too when they differ: 单小明
// gets py:sxm and py:dxm. The query side uses surname mode only, so either spelling finds him.
import { pinyin } from 'pinyin-pro';

export const PINYIN_PREFIX = 'py:';

/** Separators people put inside names: spaces, middle dots (阿依古丽·买买提), hyphens, apostrophes. */
const SEPARATORS = /[\s\u00b7\u30fb\u2027\u2022.\-_'\u2019]+/gu;
const HAN = /^\p{Script=Han}$/u;

function clean(text: string): string {
  return (typeof text === 'string' ? text : '').normalize('NFKC').toLowerCase();
}

function hanChars(text: string): string[] {
  return Array.from(text).filter((ch) => HAN.test(ch));
}

/** Initials of a Han string; stops before the first character pinyin-pro cannot read (rare characters). */
function initials(han: string, surnameMode: boolean): string {
  if (han === '') return '';
  const letters = pinyin(han, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    ...(surnameMode ? { surname: 'head' as const } : {}),
  });
  let out = '';
  for (const l of letters) {
    const lower = l.toLowerCase();
    if (!/^[a-z]$/.test(lower)) break;
    out += lower;
  }
  return out;
}

function charsAndPairs(chars: string[]): string[] {
  const out = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Index tokens for a person's name: deterministic, lower case, deduplicated. */
export function nameTokens(name: string): string[] {
  const text = clean(name);
  const han = hanChars(text.replace(SEPARATORS, ''));
  const tokens = charsAndPairs(han);
  for (const word of text.match(/[a-z0-9]+/g) ?? []) tokens.push(word);
  const hanText = han.join('');
  for (const seq of [initials(hanText, true), initials(hanText, false)]) {
    for (let k = 1; k <= seq.length; k++) tokens.push(PINYIN_PREFIX + seq.slice(0, k));
  }
  return [...new Set(tokens)];
}

/** Tokens a name must ALL carry to match the query; [] for a query with nothing searchable. */
export function queryTokens(q: string): string[] {
  const chars = Array.from(clean(q).replace(SEPARATORS, '')).filter((ch) => HAN.test(ch) || /[a-z]/.test(ch));
  const han = chars.filter((ch) => HAN.test(ch));
  if (chars.length === 0) return [];
  if (han.length === chars.length) {
    if (han.length <= 2) return [han.join('')];
    return [...new Set(charsAndPairs(han).slice(han.length))];
  }
  if (han.length === 0) return [PINYIN_PREFIX + chars.join('')];
  // Mixed, e.g. 张wd: replace the Han characters by their initials, in place.
  const hanInitials = initials(han.join(''), true);
  if (hanInitials.length < han.length) {
    // a character without a known reading: search by the Han characters alone
    return queryTokens(han.join(''));
  }
  let h = 0;
  const spelled = PINYIN_PREFIX + chars.map((ch) => (HAN.test(ch) ? hanInitials[h++] : ch)).join('');
  // and the typed characters themselves, so 张wd does not also find 赵文达
  return [...new Set([spelled, ...han])];
}
