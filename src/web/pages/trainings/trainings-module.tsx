// 招聘会与培训 module (Part 4 四(一)(三)(六), 五(一)): trainings (list, a training's enrolment,
// attendance and completion), job fairs (list, a fair's employers, registration, attendance and
// results), and this year's discharged tracked through the adaptive training.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { TrainingsPage } from './trainings-page';
import { TrainingPage } from './training-page';
import { FairsPage } from './fairs-page';
import { FairPage } from './fair-page';
import { CoveragePage } from './coverage-page';
import './trainings.css';

export function TrainingsModule() {
  return (
    <Routes>
      <Route index element={<TrainingsPage />} />
      <Route path="courses/:id" element={<TrainingPage />} />
      <Route path="fairs" element={<FairsPage />} />
      <Route path="fairs/:id" element={<FairPage />} />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
