// 考核评估 module (seed Part 12): rounds 考评 and the caller's evaluations, a unit's evaluation (the
// self-assessment, scoring, publication; printed as the unit's report), a round's published results,
// the indicator sets (default ones and the unit's copies), and rectification items 整改.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { RoundsPage, RoundPage } from './rounds-page';
import { EvaluationPage } from './evaluation-page';
import { ResultsPage } from './results-page';
import { SetsPage } from './sets-page';
import { RectificationPage, RectificationsPage } from './rectifications-page';

export function EvaluationsModule() {
  return (
    <Routes>
      <Route index element={<RoundsPage />} />
      <Route path="sets" element={<SetsPage />} />
      <Route path="rounds/:id" element={<RoundPage />} />
      <Route path="rounds/:id/results" element={<ResultsPage />} />
      <Route path="rectifications" element={<RectificationsPage />} />
      <Route path="rectifications/:id" element={<RectificationPage />} />
      <Route path=":id" element={<EvaluationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
