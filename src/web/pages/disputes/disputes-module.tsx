// 矛盾纠纷排查化解 module: the ledger list, the register form, a dispute's page and the monthly summary.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { DisputeDetailPage } from './dispute-detail-page';
import { DisputeFormPage } from './dispute-form-page';
import { DisputeListPage } from './dispute-list-page';
import { DisputeSummaryPage } from './dispute-summary-page';
import './disputes.css';

export function DisputesModule() {
  return (
    <Routes>
      <Route index element={<DisputeListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="disputes:write">
            <DisputeFormPage />
          </RequirePermission>
        }
      />
      <Route path="summary" element={<DisputeSummaryPage />} />
      <Route path=":id" element={<DisputeDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
