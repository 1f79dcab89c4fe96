// 权益维护 module: the case list, the registration form, a case's page (with its print layout).
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { RightsDetailPage } from './rights-detail-page';
import { RightsFormPage } from './rights-form-page';
import { RightsListPage } from './rights-list-page';
import './rights.css';

export function RightsModule() {
  return (
    <Routes>
      <Route index element={<RightsListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="rights:write">
            <RightsFormPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<RightsDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
