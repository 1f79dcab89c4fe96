// 党员管理 module (§16, Part 3 四(六)): organisation transfers 组织关系转接 (list with figures, form,
// case page), the party branches 党支部, the party-member veterans (those without a branch first), the
// branch meetings 三会一课/主题党日 with attendance, and the volunteer teams/model posts 志愿服务队/示范岗.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { TransfersPage } from './transfers-page';
import { TransferFormPage } from './transfer-form-page';
import { TransferDetailPage } from './transfer-detail-page';
import { BranchesPage } from './branches-page';
import { MembersPage } from './members-page';
import { MeetingsPage } from './meetings-page';
import { MeetingFormPage } from './meeting-form-page';
import { MeetingDetailPage } from './meeting-detail-page';
import { TeamsPage } from './teams-page';
import { TeamDetailPage } from './team-detail-page';

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
      <Route path="meetings" element={<MeetingsPage />} />
      <Route
        path="meetings/new"
        element={
          <RequirePermission permission="party:write">
            <MeetingFormPage />
          </RequirePermission>
        }
      />
      <Route
        path="meetings/:id/edit"
        element={
          <RequirePermission permission="party:write">
            <MeetingFormPage />
          </RequirePermission>
        }
      />
      <Route path="meetings/:id" element={<MeetingDetailPage />} />
      <Route path="teams" element={<TeamsPage />} />
      <Route path="teams/:id" element={<TeamDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
