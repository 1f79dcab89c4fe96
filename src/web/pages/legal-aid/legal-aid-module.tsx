// 法律援助 module: the case list, the application form, a case's page, the directory of partners,
// and the care records 关爱服务记录 (consultations, counselling, law education, health checks, insurance).
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { LegalAidDetailPage } from './legal-aid-detail-page';
import { LegalAidFormPage } from './legal-aid-form-page';
import { LegalAidListPage } from './legal-aid-list-page';
import { PartnersPage } from './partners-page';
import { CareRecordsPage } from './care-records-page';
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
      <Route path="care-records" element={<CareRecordsPage />} />
      <Route path=":id" element={<LegalAidDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
