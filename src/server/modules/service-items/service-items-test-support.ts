// Shared by the tests that need a catalog item: a county's local item (one county step, no notice),
// with the fields a test changes given in `over`.
export function localItemBody(orgUnitId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId,
    name: '本县退役军人免费乘坐公交',
    kind: 'local',
    policyBasis: '县人民政府办公室通知',
    eligibility: '户籍在本县的退役军人',
    materials: [{ name: '退役军人优待证', form: 'original', count: 1, note: '' }],
    steps: [{ level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' }],
    noticeRequired: false,
    noticeDays: null,
    decider: '县退役军人事务局',
    resultDocument: '核准通知书',
    ...over,
  };
}
