// The public side (seed Part 7 二(四) 实名注册登记): real-name public accounts of veterans and
// their families, their own sessions (never staff sessions), online petitions and the query code.
import { z } from '../zod-setup';
import { idSchema } from './common';
import { daySchema, petitionCategories, petitionOutcomes, petitionStatuses, petitionTypes } from './petitions';

/** The privacy notice version the web shows; registration stores the version accepted. */
export const PUBLIC_PRIVACY_NOTICE_VERSION = '2026-11';

/** Session cookie of public accounts (staff use their own). */
export const PUBLIC_SESSION_COOKIE = 'rj_pub';
export const PUBLIC_CSRF_COOKIE = 'rj_pub_csrf';

// ---- the bot challenge (proof of work) ----
/**
 * GET /api/public/accounts/challenge answers a signed, single-use challenge. The client finds a
 * nonce (decimal digits) such that SHA-256(UTF-8 of challenge + nonce) starts with `difficulty`
 * zero bits, and sends both with the registration.
 */
export const powChallengeDto = z.object({
  challenge: z.string(),
  difficulty: z.number().int(),
  expiresAt: z.string(),
});
export type PowChallengeDto = z.infer<typeof powChallengeDto>;
export const powSolution = z.object(
  {
    challenge: z.string({ message: '缺少人机验证，请刷新页面重试' }).min(1, '缺少人机验证，请刷新页面重试').max(300),
    nonce: z.string({ message: '缺少人机验证，请刷新页面重试' }).regex(/^\d{1,20}$/, '人机验证结果格式不正确'),
  },
  { message: '缺少人机验证，请刷新页面重试' },
);

const password = z.string({ message: '请设置密码' }).min(1, '请设置密码').max(256);

export const publicRegisterBody = z.object({
  name: z.string({ message: '请填写姓名' }).trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字'),
  /** checked with the ID rule (check digit, birth date, region) on the server */
  idNumber: z.string({ message: '请填写公民身份号码' }).trim().min(1, '请填写公民身份号码').max(30),
  /** a mainland mobile number */
  phone: z.string({ message: '请填写手机号码' }).trim().min(1, '请填写手机号码').max(20),
  password,
  privacyNoticeVersion: z.string({ message: '请阅读并同意个人信息收集告知' }).min(1, '请阅读并同意个人信息收集告知').max(20),
  pow: powSolution,
});
export type PublicRegisterBody = z.infer<typeof publicRegisterBody>;

export const publicLoginBody = z.object({
  /** the mobile number registered */
  phone: z.string({ message: '请输入手机号码' }).trim().min(1, '请输入手机号码').max(20),
  password: z.string({ message: '请输入密码' }).min(1, '请输入密码').max(256),
});

export const publicMeDto = z.object({
  id: z.string(),
  /** masked: 张*明 */
  name: z.string(),
  phoneMasked: z.string(),
  idNumberMasked: z.string(),
  createdAt: z.string(),
});
export type PublicMeDto = z.infer<typeof publicMeDto>;

// ---- petitions of a signed-in public account ----
export const publicPetitionCreate = z.object({
  /** the county/township/village chosen in the public directory */
  orgUnitId: idSchema,
  type: z.enum(petitionTypes, { message: '请选择事项类别（建议意见、检举控告、申诉求决）' }),
  category: z.enum(petitionCategories, { message: '请选择问题类别' }),
  address: z.string({ message: '请填写住址' }).trim().min(1, '请填写住址').max(200, '住址最多 200 个字'),
  request: z.string({ message: '请填写信访请求' }).trim().min(1, '请填写信访请求').max(2000, '信访请求最多 2000 个字'),
  facts: z.string({ message: '请填写事实' }).trim().min(1, '请填写事实').max(4000, '事实最多 4000 个字'),
  reasons: z.string().trim().max(4000, '理由最多 4000 个字').default(''),
});
export type PublicPetitionCreate = z.infer<typeof publicPetitionCreate>;

/** The answer to a submission: the query code is shown once and stored hashed. */
export const publicPetitionCreated = z.object({
  id: z.string(),
  registrationNo: z.string(),
  queryCode: z.string(),
});

/** What a petitioner sees of one petition: stages, dates, next expected date, the reply. */
export const publicPetitionView = z.object({
  registrationNo: z.string(),
  unitName: z.string(),
  type: z.enum(petitionTypes),
  receivedOn: z.string(),
  status: z.enum(petitionStatuses),
  statusLabel: z.string(),
  stages: z.array(z.object({ label: z.string(), day: z.string() })),
  /** the current due day (when the next step is expected), null when none runs */
  nextExpectedDay: z.string().nullable(),
  reply: z
    .object({ outcome: z.enum(petitionOutcomes), outcomeLabel: z.string(), text: z.string(), repliedOn: z.string() })
    .nullable(),
  /** 1–5 once given */
  satisfaction: z.number().int().nullable(),
  canRate: z.boolean(),
});
export type PublicPetitionView = z.infer<typeof publicPetitionView>;

/** A signed-in account's own petitions (also carries the request it submitted). */
export const publicOwnPetition = publicPetitionView.extend({ id: z.string(), request: z.string() });
export const publicOwnPetitions = z.object({ items: z.array(publicOwnPetition) });

/** Query codes: 10 characters of Crockford base32 (no I, L, O, U). */
export const QUERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const QUERY_CODE_LENGTH = 10;
/** Normalises what a person typed: upper case, I/L → 1, O → 0, spaces and dashes dropped. */
export function normalizeQueryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const petitionQueryBody = z.object({
  code: z
    .string({ message: '请输入查询码' })
    .transform(normalizeQueryCode)
    .pipe(z.string().regex(new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_LENGTH}}$`), `查询码为 ${QUERY_CODE_LENGTH} 位字母或数字`)),
  phone: z.string({ message: '请输入信访时留的手机号码' }).trim().min(1, '请输入信访时留的手机号码').max(20),
});
export type PetitionQueryBody = z.infer<typeof petitionQueryBody>;

export const petitionRateBody = petitionQueryBody.extend({
  satisfaction: z.number({ message: '请选择满意度' }).int().min(1, '满意度为 1–5').max(5, '满意度为 1–5'),
});
export const publicOwnRateBody = z.object({
  satisfaction: z.number({ message: '请选择满意度' }).int().min(1, '满意度为 1–5').max(5, '满意度为 1–5'),
});

export { daySchema };
