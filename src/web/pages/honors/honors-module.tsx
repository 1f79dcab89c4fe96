// 荣誉表彰 module (Part 3 四(四), §18, §40): star-rating campaigns 评星级 (list, a campaign's page with
// nominations, review and publication), the honor wall's consent per person, the honors ledger, and
// 送喜报 merit notices.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { CampaignsPage } from './campaigns-page';
import { CampaignPage } from './campaign-page';
import { ConsentPage } from './consent-page';
import { HonorsListPage } from './honors-list-page';
import { MeritNoticePage, MeritNoticesPage } from './merit-notices-page';

export function HonorsModule() {
  return (
    <Routes>
      <Route index element={<CampaignsPage />} />
      <Route path="campaigns/:id" element={<CampaignPage />} />
      <Route path="consents/:id" element={<ConsentPage />} />
      <Route path="list" element={<HonorsListPage />} />
      <Route path="merit-notices" element={<MeritNoticesPage />} />
      <Route path="merit-notices/:id" element={<MeritNoticePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
