// 办件: a case's page at /cases/:id (reached from the work queue and a recipient's page).
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { CasePage } from './case-page';

export function CasesModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="/work-queue" replace />} />
      <Route path=":id" element={<CasePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
