// 信访: the ledger list at /petitions, registration at /petitions/new, the statistics at
// /petitions/dashboard and one petition at /petitions/:id.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { PetitionDashboardPage } from './petition-dashboard-page';
import { PetitionListPage } from './petition-list-page';
import { PetitionPage } from './petition-page';
import { PetitionRegisterPage } from './petition-register-page';
import './petitions.css';

export function PetitionsModule() {
  return (
    <Routes>
      <Route index element={<PetitionListPage />} />
      <Route path="new" element={<PetitionRegisterPage />} />
      <Route path="dashboard" element={<PetitionDashboardPage />} />
      <Route path=":id" element={<PetitionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
