// 工作总结 module (§45): my unit's semi-annual summary and the children's, a summary's page (text,
// figures, submit / return / accept / reopen, timeline) and its print view.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { SummariesPage } from './summaries-page';
import { SummaryPage } from './summary-page';
import { SummaryPrintPage } from './summary-print-page';

export function SummariesModule() {
  return (
    <Routes>
      <Route index element={<SummariesPage />} />
      <Route path=":id" element={<SummaryPage />} />
      <Route path=":id/print" element={<SummaryPrintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
