// 我的: the sections of the public account's own page, in the order shown. A module that has
// something for the person exports an OverviewSectionSource from its index (platform/
// public-overview.ts) and gets one line here — applications and appointments next, then aid, job
// matches and surveys as their issues land. Each section filters by the owner itself (the
// account's own submissions, or the registry record of its ID number hash).
import type { OverviewSectionSource } from '../../platform/public-overview';
import { petitionsOverviewSection } from '../petitions';

export const overviewSections: readonly OverviewSectionSource[] = [
  petitionsOverviewSection,
];
