// 服务对象 module: the list, the collection form, a recipient's page and the edit form.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { RecipientDetailPage } from './recipient-detail-page';
import { RecipientFormPage } from './recipient-form-page';
import { RecipientListPage } from './recipient-list-page';

export function RecipientsModule() {
  return (
    <Routes>
      <Route index element={<RecipientListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="registry:write">
            <RecipientFormPage />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<RecipientDetailPage />} />
      <Route
        path=":id/edit"
        element={
          <RequirePermission permission="registry:write">
            <RecipientFormPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
