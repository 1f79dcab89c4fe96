// 党员管理 module (§16, Part 3 四(六)): organisation transfers 组织关系转接 (list with figures, form,
// case page), the party branches 党支部, and the party-member veterans (those without a branch first).
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { TransfersPage } from './transfers-page';
import { TransferFormPage } from './transfer-form-page';
import { TransferDetailPage } from './transfer-detail-page';
import { BranchesPage } from './branches-page';
import { MembersPage } from './members-page';

export function PartyModule() {
  return (
    <Routes>
      <Route index element={<TransfersPage />} />
      <Route
        path="transfers/new"
        element={
          <RequirePermission permission="party:write">
            <TransferFormPage />
          </RequirePermission>
        }
      />
      <Route path="transfers/:id" element={<TransferDetailPage />} />
      <Route path="branches" element={<BranchesPage />} />
      <Route path="members" element={<MembersPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
