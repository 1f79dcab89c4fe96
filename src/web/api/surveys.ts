// 满意度调查 hooks: questionnaires, runs with results, invitations, letters, 电话回访, and the public
// answering page by token.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { AnswersBody, InvitationDetail, InvitationDto, LettersDto, PublicSurveyView, QuestionnaireDto, SurveyRunDetail, SurveyRunDto } from '../../shared/schemas/surveys';
import { get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

const enc = encodeURIComponent;

export const surveyKeys = {
  all: ['surveys'] as const,
  runs: ['surveys', 'runs'] as const,
  questionnaires: ['surveys', 'questionnaires'] as const,
  questionnaire: (id: string) => ['surveys', 'questionnaire', id] as const,
  run: (id: string) => ['surveys', 'run', id] as const,
  invitations: (id: string) => ['surveys', 'invitations', id] as const,
  invitation: (id: string) => ['surveys', 'invitation', id] as const,
  letters: (id: string) => ['surveys', 'letters', id] as const,
  publicSurvey: (token: string) => ['public-survey', token] as const,
};

export const surveyApi = {
  runs: (params: QueryParams, signal?: AbortSignal) => get<Page<SurveyRunDto>>('/api/surveys/runs', params, signal),
  questionnaires: (params: QueryParams, signal?: AbortSignal) => get<Page<QuestionnaireDto>>('/api/surveys/questionnaires', params, signal),
  invitations: (runId: string) => (params: QueryParams, signal?: AbortSignal) => get<Page<InvitationDto>>(`/api/surveys/runs/${enc(runId)}/invitations`, params, signal),
};

export function usePublishedQuestionnaires() {
  return useQuery({ queryKey: [...surveyKeys.questionnaires, 'published'], queryFn: ({ signal }) => get<Page<QuestionnaireDto>>('/api/surveys/questionnaires', { published: 'true', pageSize: 200 }, signal) });
}
export function useQuestionnaire(id: string | undefined) {
  return useQuery({ queryKey: surveyKeys.questionnaire(id ?? ''), queryFn: ({ signal }) => get<QuestionnaireDto>(`/api/surveys/questionnaires/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useSurveyRun(id: string | undefined) {
  return useQuery({ queryKey: surveyKeys.run(id ?? ''), queryFn: ({ signal }) => get<SurveyRunDetail>(`/api/surveys/runs/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useInvitation(id: string | null) {
  return useQuery({ queryKey: surveyKeys.invitation(id ?? ''), queryFn: ({ signal }) => get<InvitationDetail>(`/api/surveys/invitations/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useLetters(runId: string | undefined) {
  return useQuery({ queryKey: surveyKeys.letters(runId ?? ''), queryFn: ({ signal }) => get<LettersDto>(`/api/surveys/runs/${enc(runId as string)}/letters`, undefined, signal), enabled: !!runId, staleTime: Infinity, gcTime: 0 });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: surveyKeys.all });

export function useCreateQuestionnaire() {
  return useMutation({ mutationFn: (body: unknown) => post<QuestionnaireDto>('/api/surveys/questionnaires', body), onSuccess: () => refresh() });
}
export function useUpdateQuestionnaire(id: string) {
  return useMutation({ mutationFn: (body: unknown) => put<QuestionnaireDto>(`/api/surveys/questionnaires/${enc(id)}`, body), onSuccess: () => refresh() });
}
export function usePublishQuestionnaire(id: string) {
  return useMutation({ mutationFn: (version: number) => post<QuestionnaireDto>(`/api/surveys/questionnaires/${enc(id)}/publish`, { version }), onSuccess: () => refresh() });
}
export function useCreateRun() {
  return useMutation({ mutationFn: (body: unknown) => post<SurveyRunDetail>('/api/surveys/runs', body), onSuccess: () => refresh() });
}
export function useCloseRun(id: string) {
  return useMutation({ mutationFn: (version: number) => post<SurveyRunDetail>(`/api/surveys/runs/${enc(id)}/close`, { version }), onSuccess: () => refresh() });
}
export function usePhoneAnswer(id: string) {
  return useMutation({ mutationFn: (body: AnswersBody) => post<InvitationDetail>(`/api/surveys/invitations/${enc(id)}/answers`, body), onSuccess: () => refresh() });
}

// ---- the public answering page ----
export function usePublicSurvey(token: string | undefined) {
  return useQuery({ queryKey: surveyKeys.publicSurvey(token ?? ''), queryFn: ({ signal }) => get<PublicSurveyView>(`/api/public/surveys/${enc(token as string)}`, undefined, signal), enabled: !!token, retry: false });
}
export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (body: AnswersBody) => post<PublicSurveyView>(`/api/public/surveys/${enc(token)}/answers`, body),
    onSuccess: (v) => queryClient.setQueryData(surveyKeys.publicSurvey(token), v),
  });
}
