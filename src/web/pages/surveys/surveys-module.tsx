// 满意度调查 module (issue 16; seed Part 12 五(二), Part 1): survey runs (list, start one with its
// sample, results per unit / service / question, invitations with 电话回访, letters with QR codes to
// print) and questionnaires (draft, edit, publish).
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { RunsPage } from './runs-page';
import { RunPage } from './run-page';
import { LettersPage } from './letters-page';
import { QuestionnairesPage, QuestionnairePage } from './questionnaires-page';
import './surveys.css';

export function SurveysModule() {
  return (
    <Routes>
      <Route index element={<RunsPage />} />
      <Route path="runs/:id" element={<RunPage />} />
      <Route path="runs/:id/letters" element={<LettersPage />} />
      <Route path="questionnaires" element={<QuestionnairesPage />} />
      <Route path="questionnaires/new" element={<QuestionnairePage />} />
      <Route path="questionnaires/:id" element={<QuestionnairePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
