// 意见簿与服务监督 module: the feedback list (ledger), an entry's page (reply, publish), and the
// unit's service commitments and supervisors shown on its public page, and the reply deadline
// setting.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { FeedbackDetailPage } from './feedback-detail-page';
import { FeedbackListPage } from './feedback-list-page';
import { FeedbackSettingsPage } from './feedback-settings-page';
import { UnitServicePage } from './unit-service-page';

export function FeedbackModule() {
  return (
    <Routes>
      <Route index element={<FeedbackListPage />} />
      <Route path="service" element={<UnitServicePage />} />
      <Route path="settings" element={<FeedbackSettingsPage />} />
      <Route path=":id" element={<FeedbackDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
