// 服务事项: the catalog as seen from a unit at /service-items, publishing at /service-items/new
// (?adapt=<id> for a unit's own version of an inherited item), one item at /service-items/:id and
// its edit form at /service-items/:id/edit.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { ServiceItemDetailPage } from './service-item-detail-page';
import { ServiceItemEditPage, ServiceItemNewPage } from './service-item-form-page';
import { ServiceItemListPage } from './service-item-list-page';
import './service-items.css';

export function ServiceItemsModule() {
  return (
    <Routes>
      <Route index element={<ServiceItemListPage />} />
      <Route path="new" element={<ServiceItemNewPage />} />
      <Route path=":id" element={<ServiceItemDetailPage />} />
      <Route path=":id/edit" element={<ServiceItemEditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
