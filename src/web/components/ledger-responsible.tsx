// The ledger's responsible person (seed §10 专人负责) on its list page, for the unit the list is
// filtered to (the caller's own otherwise): the same line the ledger's export prints under its title,
// read from the one endpoint. Shown by RecordTable when a page names its ledger.
import { Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import type { LedgerName } from '../../shared/schemas/ledger-responsibles';
import { useLedgerResponsible } from '../api/ledgers';

export function LedgerResponsible({ ledger, orgUnitId }: { ledger: LedgerName; orgUnitId?: string }) {
  const q = useLedgerResponsible(ledger, orgUnitId);
  if (!q.data) return null;
  return (
    <Typography.Text type={q.data.personName ? undefined : 'secondary'} data-testid="ledger-responsible" title={`${q.data.orgUnitName}${ledger}`}>
      <UserOutlined /> {q.data.line}
    </Typography.Text>
  );
}
