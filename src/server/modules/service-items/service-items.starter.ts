// The starter catalog the demo ships (and a new deployment can take): written only from the seed
// (Part 2 二 资料准备: ID documents and the application; the village committee's opinion; the
// township station's for matters handled at the county; proofs where 评议、公示 applies) and
// RULES.md. Every figure those sources do not give — step time limits, notice days, the deciding
// authority, the result document — is left empty (null / '') for the county to fill; the item's
// `toFill` list then names it on screen. Nothing here is an invented policy figure.
import type { ServiceItemBody } from '../../../shared/schemas/service-items';

export type StarterItem = { key: string; body: ServiceItemBody };

const idDocument = { name: '本人身份证件', form: 'originalAndCopy', count: 1, note: '第二部分 二(一)', required: true } as const;
const applicationForm = { name: '申请材料（申请书等）', form: 'original', count: 1, note: '第二部分 二(一)', required: true } as const;
const proofs = { name: '相关证明材料', form: 'copy', count: 1, note: '需进行评议、公示的事项提供（第二部分 二(四)）', required: false } as const;

/** Village committee → township station → county center (Part 2 二(二)(三)); time limits for the county to fill. */
const threeLevels = [
  { level: 'village', label: '村(居)委会意见', days: null, dayKind: 'working' },
  { level: 'township', label: '乡镇(街道)服务站意见', days: null, dayKind: 'working' },
  { level: 'county', label: '县级服务中心审核', days: null, dayKind: 'working' },
] as const;

function item(key: string, body: Partial<ServiceItemBody> & Pick<ServiceItemBody, 'name' | 'policyBasis' | 'eligibility'>): StarterItem {
  return {
    key,
    body: {
      kind: 'national',
      materials: [idDocument, applicationForm, proofs],
      steps: threeLevels.map((s) => ({ ...s })),
      noticeRequired: false,
      noticeDays: null,
      decider: '',
      fee: '不收费',
      resultDocument: '',
      timeLimitNote: '',
      handoff: null,
      ...body,
    },
  };
}

export const starterItems: readonly StarterItem[] = [
  item('disability-rating', {
    name: '残疾等级评定（伤残评定）',
    policyBasis: '《军人抚恤优待条例》（2024年10月1日施行）第二十六条至第二十九条',
    eligibility: '因战、因公、因病致残的退役军人。残疾等级分一至十级；因病致残的，一至六级享受残疾抚恤金。调整残疾等级的，距上次评定须满一年。',
  }),
  item('survivor-pension', {
    name: '遗属定期抚恤',
    policyBasis: '《军人抚恤优待条例》（2024年10月1日施行）第二条、第八条、第二十二条',
    eligibility: '烈士、因公牺牲军人、病故军人遗属。享受定期待遇的对象每年确认一次。',
  }),
  item('living-allowance', {
    name: '定期生活补助',
    policyBasis: '《军人抚恤优待条例》（2024年10月1日施行）第六十二条',
    eligibility: '参战退役军人；带病回乡退役军人；年满60周岁的农村籍退役士兵；1954年10月31日之前入伍的退役军人；部分年满60周岁的烈士子女。',
  }),
  item('combat-test-recognition', {
    name: '参战参试人员身份认定',
    policyBasis: '',
    eligibility: '曾参战或参加核试验的退役军人（认定条件由县级中心依现行政策填写）。',
  }),
  item('ill-returnee-recognition', {
    name: '带病回乡退伍军人认定',
    policyBasis: '',
    eligibility: '在服役期间患病、退役回乡的退伍军人（认定条件由县级中心依现行政策填写）。',
  }),
  item('glory-plaque', {
    name: '光荣牌悬挂申请',
    policyBasis: '国办发〔2018〕72号及本省通知',
    eligibility: '烈士、因公牺牲军人、病故军人遗属家庭，现役军人家庭，退役军人家庭。每户一块；持证对象无需申请，其他父母、配偶、子女可申请。',
    materials: [idDocument, { name: '家庭关系证明（户口簿等）', form: 'originalAndCopy', count: 1, note: '非持证家庭申请时提供', required: true }],
    decider: '县级退役军人事务部门会同人武部',
    resultDocument: '悬挂光荣牌',
    handoff: 'glory-plaque',
  }),
];
