// 走访慰问 hooks: owed visits (list, assign, generate), visit records (list, detail, photos, ledger),
// triggers 六必访, coverage, the calendar, key persons and their contacts, follow-ups, settings and
// the staff picker. Recording a visit goes through the offline outbox (pages/visits/visit-outbox).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import type {
  CalendarResult,
  CoverageResult,
  DueVisitAssign,
  DueVisitDto,
  FollowUpDto,
  GenerateResult,
  KeyPersonDto,
  RecipientVisits,
  staffPickList,
  VisitDetail,
  VisitDto,
  VisitSettings,
  VisitTriggerCreate,
  VisitTriggerDto,
} from '../../shared/schemas/visits';
import { ApiError, buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { downloadLedger } from './ledgers';
import { queryClient } from './query-client';
import { workQueueKey } from './cases';
import { recipientKeys } from './recipients';

export type StaffPick = z.infer<typeof staffPickList>['items'][number];

export const visitKeys = {
  all: ['visits'] as const,
  owed: ['visits', 'owed'] as const,
  owedOne: (id: string) => ['visits', 'owed', 'one', id] as const,
  list: ['visits', 'list'] as const,
  detail: (id: string) => ['visits', 'detail', id] as const,
  coverage: ['visits', 'coverage'] as const,
  calendar: ['visits', 'calendar'] as const,
  keyPersons: ['visits', 'key-persons'] as const,
  followUps: ['visits', 'follow-ups'] as const,
  settings: ['visits', 'settings'] as const,
  staff: ['visits', 'staff'] as const,
  recipient: (id: string) => ['visits', 'recipient', id] as const,
};

const enc = encodeURIComponent;

export const visitPaths = {
  visits: '/api/visits',
  visit: (id: string) => `/api/visits/${enc(id)}`,
  photo: (visitId: string, photoId: string) => `/api/visits/${enc(visitId)}/photos/${enc(photoId)}`,
  owed: '/api/due-visits',
  owedOne: (id: string) => `/api/due-visits/${enc(id)}`,
  assign: '/api/due-visits/assign',
  generate: '/api/visits/generate',
  triggers: '/api/visit-triggers',
  coverage: '/api/visits/coverage',
  calendar: '/api/visits/calendar',
  keyPersons: '/api/key-persons',
  keyPersonContact: '/api/key-persons/contacts',
  followUps: '/api/visit-follow-ups',
  settings: '/api/visit-settings',
  staff: '/api/visits/staff',
  recipient: (id: string) => `/api/recipients/${enc(id)}/visits`,
  ledger: '/api/ledgers/visits',
};

export const visitApi = {
  owed: (params: QueryParams, signal?: AbortSignal) => get<Page<DueVisitDto>>(visitPaths.owed, params, signal),
  owedOne: (id: string, signal?: AbortSignal) => get<DueVisitDto>(visitPaths.owedOne(id), undefined, signal),
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<VisitDto>>(visitPaths.visits, params, signal),
  get: (id: string, signal?: AbortSignal) => get<VisitDetail>(visitPaths.visit(id), undefined, signal),
  coverage: (params: QueryParams, signal?: AbortSignal) => get<CoverageResult>(visitPaths.coverage, params, signal),
  calendar: (params: QueryParams, signal?: AbortSignal) => get<CalendarResult>(visitPaths.calendar, params, signal),
  keyPersons: (params: QueryParams, signal?: AbortSignal) => get<Page<KeyPersonDto>>(visitPaths.keyPersons, params, signal),
  followUps: (params: QueryParams, signal?: AbortSignal) => get<Page<FollowUpDto>>(visitPaths.followUps, params, signal),
  staff: (params: QueryParams, signal?: AbortSignal) => get<{ items: StaffPick[] }>(visitPaths.staff, params, signal),
  recipient: (id: string, signal?: AbortSignal) => get<RecipientVisits>(visitPaths.recipient(id), undefined, signal),
  settings: (signal?: AbortSignal) => get<VisitSettings>(visitPaths.settings, undefined, signal),
  /** the 走访慰问台账 of a filter (paging and sort left out) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    delete rest.page;
    delete rest.pageSize;
    delete rest.sort;
    delete rest.visit;
    return `${visitPaths.ledger}${buildQuery(rest)}`;
  },
};

/** After a visit or a trigger is recorded: every visit view, the recipient and the work queue re-read. */
export function refreshVisits(recipientId?: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: visitKeys.all }),
    queryClient.invalidateQueries({ queryKey: workQueueKey }),
    recipientId ? queryClient.invalidateQueries({ queryKey: recipientKeys.detail(recipientId) }) : null,
  ]);
}

/**
 * One owed visit. With the person known (the owed list and the recipient page link with both),
 * it is found among the person's owed visits; otherwise (a work-queue link) read by id.
 */
export function useDueVisit(id: string | undefined, recipientId?: string) {
  return useQuery({
    queryKey: [...visitKeys.owedOne(id ?? ''), recipientId ?? ''],
    queryFn: async ({ signal }) => {
      if (!recipientId) {
        try {
          return await visitApi.owedOne(id as string, signal);
        } catch (e) {
          if (!(e instanceof ApiError) || e.status !== 404) throw e;
          // no route for one owed visit yet: look among the user's and the range's open ones
          for (const params of [{ assigned: 'me' }, {}]) {
            const page = await visitApi.owed({ ...params, status: 'owed', pageSize: 200 }, signal);
            const hit = page.items.find((d) => d.id === id);
            if (hit) return hit;
          }
          throw e;
        }
      }
      const page = await visitApi.owed({ recipientId, pageSize: 200 }, signal);
      const found = page.items.find((d) => d.id === id);
      if (!found) throw new ApiError(404, 'NOT_FOUND', '该应访记录不存在或已不在您的辖区');
      return found;
    },
    enabled: !!id,
  });
}

export function useVisit(id: string | undefined) {
  return useQuery({ queryKey: visitKeys.detail(id ?? ''), queryFn: ({ signal }) => visitApi.get(id as string, signal), enabled: !!id });
}

export function useRecipientVisits(id: string | undefined) {
  return useQuery({ queryKey: visitKeys.recipient(id ?? ''), queryFn: ({ signal }) => visitApi.recipient(id as string, signal), enabled: !!id });
}

export function useVisitStaff(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...visitKeys.staff, params],
    queryFn: ({ signal }) => visitApi.staff(params, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useAssignDueVisits() {
  return useMutation({
    mutationFn: (body: DueVisitAssign) => post<{ assigned: number }>(visitPaths.assign, body),
    onSuccess: () => void refreshVisits(),
  });
}

export function useGenerateDueVisits() {
  return useMutation({
    mutationFn: (orgUnitId?: string) => post<GenerateResult>(visitPaths.generate, orgUnitId ? { orgUnitId } : {}),
    onSuccess: () => void refreshVisits(),
  });
}

export function useCreateTrigger() {
  return useMutation({
    mutationFn: (body: VisitTriggerCreate) => post<VisitTriggerDto>(visitPaths.triggers, body),
    onSuccess: (t) => void refreshVisits(t.recipientId),
  });
}

export function useSetKeyPersonContact() {
  return useMutation({
    mutationFn: (body: { recipientIds: string[]; contactUserId: string | null }) => post<{ updated: number }>(visitPaths.keyPersonContact, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: visitKeys.keyPersons }),
  });
}

export function useVisitSettings(enabled = true) {
  return useQuery({ queryKey: visitKeys.settings, queryFn: ({ signal }) => visitApi.settings(signal), enabled, meta: { silent: true }, retry: false });
}

export function useSaveVisitSettings() {
  return useMutation({
    mutationFn: (body: VisitSettings) => put<VisitSettings>(visitPaths.settings, body),
    onSuccess: (s) => queryClient.setQueryData(visitKeys.settings, s),
  });
}

/** Downloads the 走访慰问台账 (.xlsx) of a list filter; returns the file name. */
export function downloadVisitLedger(params: QueryParams): Promise<string> {
  return downloadLedger(visitApi.ledgerUrl(params), '走访慰问台账.xlsx');
}

export function useCloseFollowUp() {
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => post<FollowUpDto>(`${visitPaths.followUps}/${enc(id)}/close`, { note }),
    onSuccess: () => void refreshVisits(),
  });
}
