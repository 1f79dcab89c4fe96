// 舆情信息 module: the inbox and list, the report form, a report's page with its chain.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { OpinionDetailPage } from './opinion-detail-page';
import { OpinionFormPage } from './opinion-form-page';
import { OpinionListPage } from './opinion-list-page';
import '../disputes/disputes.css';

export function OpinionReportsModule() {
  return (
    <Routes>
      <Route index element={<OpinionListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="opinionReports:write">
            <OpinionFormPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<OpinionDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
