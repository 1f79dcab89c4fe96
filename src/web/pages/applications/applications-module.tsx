// 政策服务办件 module: the list (with the 最多跑一次 figure), the receive form and an application's page.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { ApplicationDetailPage } from './application-detail-page';
import { ApplicationFormPage } from './application-form-page';
import { ApplicationListPage } from './application-list-page';
import { ApplicationReceiptPage } from './application-receipt-page';
import './applications.css';

export function ApplicationsModule() {
  return (
    <Routes>
      <Route index element={<ApplicationListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="services:write">
            <ApplicationFormPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<ApplicationDetailPage />} />
      <Route path=":id/receipt" element={<ApplicationReceiptPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
