// 就业创业 module: the profiles list (台账), a person's profile (confirm, matches, recommendations),
// the openings (publish, change, interests, matched seekers), the employers and the figures.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found-page';
import { ProfilesListPage } from './profiles-list-page';
import { ProfilePage } from './profile-page';
import { OpeningsPage } from './openings-page';
import { OpeningPage } from './opening-page';
import { EmployersPage } from './employers-page';
import { EmploymentFiguresPage } from './figures-page';
import './employment.css';

export function EmploymentModule() {
  return (
    <Routes>
      <Route index element={<ProfilesListPage />} />
      <Route path="profiles/:id" element={<ProfilePage />} />
      <Route path="openings" element={<OpeningsPage />} />
      <Route path="openings/:id" element={<OpeningPage />} />
      <Route path="employers" element={<EmployersPage />} />
      <Route path="figures" element={<EmploymentFiguresPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
