// 法律援助设置 on the directory page: the county's working days for the receiving institution's
// acknowledgement 回执 after a referral. A new referral takes the figure in force when it is made.
// Changed by a county-level (or higher) unit head (audited); read-only for others. Users above county
// level pick the county first.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Space } from 'antd';
import { legalAidSettingsBody } from '../../../shared/schemas/legal-aid';
import { useLegalAidSettings, useSaveLegalAidSettings } from '../../api/legal-aid';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

export function LegalAidSettingsCard() {
  const me = useCurrentUser();
  const aboveCounty = me.orgUnit.level === 'province' || me.orgUnit.level === 'city';
  const [countyId, setCountyId] = useState<string | undefined>();
  const q = useLegalAidSettings(countyId, !aboveCounty || !!countyId);
  const save = useSaveLegalAidSettings();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  useEffect(() => {
    if (q.data) form.setFieldsValue({ ackWorkingDays: q.data.ackWorkingDays });
  }, [q.data, form]);
  const mayEdit = q.data?.mayEdit === true;
  async function submit(v: Record<string, unknown>) {
    if (!q.data) return;
    const body = parseWithSchema(form, legalAidSettingsBody, { countyId: q.data.countyId, ackWorkingDays: v.ackWorkingDays });
    if (!body) return;
    try {
      await save.mutateAsync(body);
      void message.success('已保存，新的转介按此计算回执期限');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card title={`法律援助设置${q.data ? `（${q.data.countyName}）` : ''}`} style={{ marginTop: 16 }}>
      {aboveCounty && (
        <Space style={{ marginBottom: 12 }} wrap>
          <OrgUnitSelect value={countyId} onChange={(id) => setCountyId(id)} selectableLevels={['county']} placeholder="选择县（市、区）" aria-label="设置所属县" style={{ width: 260, maxWidth: '100%' }} />
        </Space>
      )}
      {q.data && !mayEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="由县级及以上服务中心负责人修改" />}
      {q.data && (
        <Form form={form} layout="vertical" disabled={!mayEdit} onFinish={(v: Record<string, unknown>) => void submit(v)}>
          <Form.Item
            name="ackWorkingDays"
            label="转介回执时限（工作日）"
            extra={`转介后接收机构应在此期限内回执（1–30 个工作日${q.data.isDefault ? '，现为默认值' : ''}）；修改只影响此后的转介`}
          >
            <InputNumber min={1} max={30} precision={0} style={{ width: 140 }} aria-label="转介回执时限" />
          </Form.Item>
          {mayEdit && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
