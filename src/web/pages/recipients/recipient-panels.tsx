// The service-record panels of a recipient's page. Later modules (visits, applications, aid,
// petitions, plaques) register their panel here with a `render`; until then the entry is a
// placeholder that says the module is not yet available — never made-up data.
import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/permissions';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { RecipientVisits } from './recipient-visits';
import { RecipientPetitions, RecipientPlaque } from './recipient-petitions-plaque';
import { RecipientSupportPlans } from './recipient-support-plans';
import { RecipientApplications } from '../applications/recipient-applications';
import { RecipientAssistance } from '../assistance/recipient-assistance';
import { RecipientLegalAid } from '../legal-aid/recipient-legal-aid';
import { RecipientRights } from '../rights/recipient-rights';
import { RecipientEmployment } from '../employment/recipient-employment';
import { RecipientParty } from '../party/recipient-party';
import { RecipientEducation } from '../education/recipient-education';

export type RecipientPanel = {
  key: string;
  title: string;
  /** absent: the module has not landed yet */
  render?: (recipient: RecipientDetail) => ReactNode;
  /** who sees the panel (the module's read permission); absent: every reader of the record */
  permission?: Permission;
};

export const recipientPanels: RecipientPanel[] = [
  { key: 'visits', title: '走访慰问', permission: 'visits:read', render: (r) => <RecipientVisits recipient={r} /> },
  { key: 'applications', title: '政策申请与优待', permission: 'services:read', render: (r) => <RecipientApplications recipient={r} /> },
  { key: 'aid', title: '帮扶援助', permission: 'assistance:read', render: (r) => <RecipientAssistance recipient={r} /> },
  { key: 'supportPlans', title: '一人一策', permission: 'supportPlans:read', render: (r) => <RecipientSupportPlans recipient={r} /> },
  { key: 'legalAid', title: '法律援助', permission: 'legalAid:read', render: (r) => <RecipientLegalAid recipient={r} /> },
  { key: 'rights', title: '权益维护', permission: 'rights:read', render: (r) => <RecipientRights recipient={r} /> },
  { key: 'employment', title: '就业创业', permission: 'employment:read', render: (r) => <RecipientEmployment recipient={r} /> },
  { key: 'party', title: '党员信息', permission: 'party:read', render: (r) => <RecipientParty recipient={r} /> },
  { key: 'education', title: '教育管理', permission: 'education:read', render: (r) => <RecipientEducation recipient={r} /> },
  { key: 'petitions', title: '信访诉求', permission: 'petitions:read', render: (r) => <RecipientPetitions recipient={r} /> },
  { key: 'plaque', title: '光荣牌', permission: 'plaques:read', render: (r) => <RecipientPlaque recipient={r} /> },
];
