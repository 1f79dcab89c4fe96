// A 交办 as the unit it was assigned to sees it (GET /api/assignments/:id) and that unit's reply
// (POST /api/assignments/:id/reply; the kernel's delegated action assignmentUnitReply).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { AssignmentDto, AssignmentReplyBody } from '../../shared/schemas/supervision';
import { get, post } from './client';
import { queryClient } from './query-client';
import { workQueueKey } from './cases';

export type { AssignmentDto };

const path = (id: string) => `/api/assignments/${encodeURIComponent(id)}`;
export const assignmentKey = (id: string) => ['assignments', id] as const;
/** Where a reply file is downloaded (each download audited on the server). */
export const assignmentFilesBase = (id: string) => `${path(id)}/files`;

export function useAssignment(id: string | undefined) {
  return useQuery({ queryKey: assignmentKey(id ?? ''), queryFn: ({ signal }) => get<AssignmentDto>(path(id as string), undefined, signal), enabled: !!id });
}

export function useAssignmentReply() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AssignmentReplyBody }) => post<AssignmentDto>(`${path(id)}/reply`, body),
    onSuccess: (a) => {
      queryClient.setQueryData(assignmentKey(a.id), a);
      void queryClient.invalidateQueries({ queryKey: workQueueKey });
    },
  });
}
