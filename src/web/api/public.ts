// The public directory: no sign-in.
import { useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import type { publicDirectory, publicUnitDetail, publicUnitDto } from '../../shared/schemas/org-units';
import { get } from './client';

export type PublicUnit = z.infer<typeof publicUnitDto>;
export type PublicUnitDetail = z.infer<typeof publicUnitDetail>;
export type PublicDirectory = z.infer<typeof publicDirectory>;

export function usePublicDirectory(q: string) {
  return useQuery({
    queryKey: ['public', 'directory', q],
    queryFn: ({ signal }) => get<PublicDirectory>('/api/public/directory', { q }, signal),
    placeholderData: (prev) => prev,
  });
}

export function usePublicUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['public', 'unit', id ?? ''],
    queryFn: ({ signal }) =>
      get<PublicUnitDetail>(`/api/public/org-units/${encodeURIComponent(id as string)}`, undefined, signal),
    enabled: !!id,
  });
}
