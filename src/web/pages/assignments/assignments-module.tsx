// 交办事项: an assignment's page at /assignments/:id (reached from the work queue of the unit it was assigned to).
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { AssignmentPage } from './assignment-page';

export function AssignmentsModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="/work-queue" replace />} />
      <Route path=":id" element={<AssignmentPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
