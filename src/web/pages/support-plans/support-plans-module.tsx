// 一人一策 module: the ledger list, the form that draws up a plan, a plan's page.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { PlanDetailPage } from './plan-detail-page';
import { PlanFormPage } from './plan-form-page';
import { PlanListPage } from './plan-list-page';
import './support-plans.css';

export function SupportPlansModule() {
  return (
    <Routes>
      <Route index element={<PlanListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="supportPlans:write">
            <PlanFormPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<PlanDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
