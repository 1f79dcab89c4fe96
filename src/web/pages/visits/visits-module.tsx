// 走访慰问 module: the visit ledger (/visits), recording a visit (/visits/new), coverage, the
// calendar, the county's key persons and the settings. 应访名单 (/visits/owed) is its own menu
// entry (the page a village worker opens first) and shares the sub-navigation.
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/session';
import { NotFoundPage } from '../not-found-page';
import { CalendarPage } from './calendar-page';
import { CoveragePage } from './coverage-page';
import { KeyPersonsPage } from './key-persons-page';
import { OwedPage } from './owed-page';
import { VisitFormPage } from './visit-form-page';
import { VisitListPage } from './visit-list-page';
import { VisitSettingsPage } from './visit-settings-page';

export function VisitsModule() {
  return (
    <Routes>
      <Route index element={<VisitListPage />} />
      <Route path="owed" element={<OwedPage />} />
      <Route
        path="new"
        element={
          <RequirePermission permission="visits:write">
            <VisitFormPage />
          </RequirePermission>
        }
      />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="key-persons" element={<KeyPersonsPage />} />
      <Route path="settings" element={<VisitSettingsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** /visits/owed as its own menu entry. */
export function OwedModule() {
  return (
    <Routes>
      <Route index element={<OwedPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
