// 创业与零就业 module (Part 4 四(五)、五(三), §22, §23): ventures 创业项目 with their support and
// mentors, the founders' network 创业导师, and zero-employment households 零就业家庭 (candidates
// found from the registry → confirmed → helped until 上岗再就业, with the monthly count).
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { VenturesPage } from './ventures-page';
import { VentureFormPage } from './venture-form-page';
import { VentureDetailPage } from './venture-detail-page';
import { MentorsPage } from './mentors-page';
import { ZeroEmploymentPage } from './zero-employment-page';
import { ZeroEmploymentDetailPage } from './zero-employment-detail-page';

export function VenturesModule() {
  return (
    <Routes>
      <Route index element={<VenturesPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="employment:write">
            <VentureFormPage />
          </RequirePermission>
        }
      />
      <Route
        path=":id/edit"
        element={
          <RequirePermission permission="employment:write">
            <VentureFormPage />
          </RequirePermission>
        }
      />
      <Route path="mentors" element={<MentorsPage />} />
      <Route path="zero-employment" element={<ZeroEmploymentPage />} />
      <Route path="zero-employment/:id" element={<ZeroEmploymentDetailPage />} />
      <Route path=":id" element={<VentureDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
