// Dashboard hooks.
import { useQuery } from '@tanstack/react-query';
import type { OverviewDashboard, RegistryDashboard, ServicesDashboard } from '../../shared/schemas/dashboards';
import { get } from './client';

export function useRegistryDashboard(unitId: string | undefined) {
  return useQuery({
    queryKey: ['dashboards', 'registry', unitId ?? 'own'],
    queryFn: ({ signal }) => get<RegistryDashboard>('/api/dashboards/registry', unitId ? { unitId } : undefined, signal),
  });
}

export function useServicesDashboard(unitId: string | undefined, period: string, enabled = true) {
  return useQuery({
    queryKey: ['dashboards', 'services', unitId ?? 'own', period],
    queryFn: ({ signal }) => get<ServicesDashboard>('/api/dashboards/services', { ...(unitId ? { unitId } : {}), period }, signal),
    enabled,
  });
}

export function useOverviewDashboard(unitId: string | undefined, period: string) {
  return useQuery({
    queryKey: ['dashboards', 'overview', unitId ?? 'own', period],
    queryFn: ({ signal }) => get<OverviewDashboard>('/api/dashboards/overview', { ...(unitId ? { unitId } : {}), period }, signal),
  });
}
