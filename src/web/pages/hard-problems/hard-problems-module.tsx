// 疑难问题 module (seed §8): the list with the ledger export, the report form, the problem's page and
// the monthly review list.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { HardProblemsPage } from './hard-problems-page';
import { HardProblemFormPage } from './hard-problem-form-page';
import { HardProblemDetailPage } from './hard-problem-detail-page';
import { HardProblemReviewPage } from './hard-problem-review-page';

export function HardProblemsModule() {
  return (
    <Routes>
      <Route index element={<HardProblemsPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="hardProblems:write">
            <HardProblemFormPage />
          </RequirePermission>
        }
      />
      <Route path="review" element={<HardProblemReviewPage />} />
      <Route path=":id" element={<HardProblemDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
