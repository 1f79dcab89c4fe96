// Dashboard hooks.
import { useQuery } from '@tanstack/react-query';
import type { RegistryDashboard } from '../../shared/schemas/dashboards';
import { get } from './client';

export function useRegistryDashboard(unitId: string | undefined) {
  return useQuery({
    queryKey: ['dashboards', 'registry', unitId ?? 'own'],
    queryFn: ({ signal }) => get<RegistryDashboard>('/api/dashboards/registry', unitId ? { unitId } : undefined, signal),
  });
}
