// 资金与发放 module: funds and their movements, payables and payment batches, the reconciliation report.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { BatchPage, PayablesPage } from './batch-pages';
import { FundDetailPage, FundListPage, ReportPage } from './fund-pages';
import './funds.css';

export function FundsModule() {
  return (
    <Routes>
      <Route index element={<FundListPage />} />
      <Route path="payables" element={<PayablesPage />} />
      <Route path="batches/:id" element={<BatchPage />} />
      <Route path=":id" element={<FundDetailPage />} />
      <Route path=":id/report" element={<ReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
