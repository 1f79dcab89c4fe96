// Files of an application's materials checklist: the list, an upload against one material, the
// download URL (the server audits each view) and removal.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MaterialFileDto, MaterialFilesDto, MaterialFileUpload } from '../../shared/schemas/application-materials';
import { api, get, post } from './client';
import { queryClient } from './query-client';

const enc = encodeURIComponent;
export const materialFileKeys = { of: (id: string) => ['applications', 'files', id] as const };

export const materialFileApi = {
  list: (id: string, signal?: AbortSignal) => get<MaterialFilesDto>(`/api/applications/${enc(id)}/files`, undefined, signal),
  fileUrl: (id: string, fileId: string) => `/api/applications/${enc(id)}/files/${enc(fileId)}`,
};

export function useMaterialFiles(id: string) {
  return useQuery({ queryKey: materialFileKeys.of(id), queryFn: ({ signal }) => materialFileApi.list(id, signal) });
}

export function useUploadMaterialFile(id: string) {
  return useMutation({
    mutationFn: ({ index, body }: { index: number; body: MaterialFileUpload }) => post<MaterialFileDto>(`/api/applications/${enc(id)}/materials/${index}/files`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: materialFileKeys.of(id) }),
  });
}

export function useRemoveMaterialFile(id: string) {
  return useMutation({
    mutationFn: (fileId: string) => api<MaterialFilesDto>(materialFileApi.fileUrl(id, fileId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: materialFileKeys.of(id) }),
  });
}
