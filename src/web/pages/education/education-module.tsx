// 教育管理 module (seed Part 3 四(二)(五), 五(二)(三), §18): the pool of outstanding veterans
// 优秀退役军人典型 (list, recommendation form, case page) and the learning and education activities
// 学习教育活动 (list, activity page with invitations and attendance).
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { ExemplarsPage } from './exemplars-page';
import { ExemplarFormPage } from './exemplar-form-page';
import { ExemplarDetailPage } from './exemplar-detail-page';
import { ActivitiesPage } from './activities-page';
import { ActivityPage } from './activity-page';
import { GazetteerPage } from './gazetteer-page';

export function EducationModule() {
  return (
    <Routes>
      <Route index element={<ExemplarsPage />} />
      <Route
        path="exemplars/new"
        element={
          <RequirePermission permission="education:write">
            <ExemplarFormPage />
          </RequirePermission>
        }
      />
      <Route path="exemplars/:id" element={<ExemplarDetailPage />} />
      <Route path="gazetteer" element={<GazetteerPage />} />
      <Route path="activities" element={<ActivitiesPage />} />
      <Route path="activities/:id" element={<ActivityPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
