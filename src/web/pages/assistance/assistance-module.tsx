// 帮扶援助 module: the ledger list, the application form, figures, settings, an application's page.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { AidDetailPage } from './aid-detail-page';
import { AidFiguresPage } from './aid-figures-page';
import { AidFormPage } from './aid-form-page';
import { AidListPage } from './aid-list-page';
import { AidSettingsPage } from './aid-settings-page';
import './assistance.css';

export function AssistanceModule() {
  return (
    <Routes>
      <Route index element={<AidListPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="assistance:write">
            <AidFormPage />
          </RequirePermission>
        }
      />
      <Route path="figures" element={<AidFiguresPage />} />
      <Route path="settings" element={<AidSettingsPage />} />
      <Route path=":id" element={<AidDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
