// 法律援助 module: the case list, the application form, a case's page, the directory of partners.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { LegalAidDetailPage } from './legal-aid-detail-page';
import { LegalAidFormPage } from './legal-aid-form-page';
import { LegalAidListPage } from './legal-aid-list-page';
import { PartnersPage } from './partners-page';
import './legal-aid.css';

export function LegalAidModule() {
  return (
    <Routes>
      <Route index element={<LegalAidListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="legalAid:write">
            <LegalAidFormPage />
          </RequirePermission>
        }
      />
      <Route path="partners" element={<PartnersPage />} />
      <Route path=":id" element={<LegalAidDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
