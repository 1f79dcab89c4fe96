// 考核评估 hooks: indicator sets, rounds and their results, one unit's evaluation (self-assessment,
// sheets, the kernel's actions), rectification items.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  EvaluationDetail,
  EvaluationRowDto,
  IndicatorSetDto,
  IndicatorSetInput,
  IndicatorSetList,
  IndicatorSetUpdate,
  PublicEvaluationResults,
  RectificationDetail,
  RectificationDto,
  RectificationInput,
  RoundDetail,
  RoundDto,
  RoundInput,
  RoundResults,
  ScorerList,
  SelfInput,
  SheetInput,
} from '../../shared/schemas/evaluations';
import { get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const evaluationKeys = {
  all: ['evaluations'] as const,
  sets: ['evaluations', 'sets'] as const,
  rounds: ['evaluations', 'rounds'] as const,
  mine: ['evaluations', 'list'] as const,
  rectifications: ['evaluations', 'rectifications'] as const,
  round: (id: string) => ['evaluations', 'round', id] as const,
  results: (id: string) => ['evaluations', 'results', id] as const,
  evaluation: (id: string) => ['evaluations', 'one', id] as const,
  rectification: (id: string) => ['evaluations', 'rectification', id] as const,
};

const enc = encodeURIComponent;

export const evaluationApi = {
  rounds: (params: QueryParams, signal?: AbortSignal) => get<Page<RoundDto>>('/api/evaluations/rounds', params, signal),
  evaluations: (params: QueryParams, signal?: AbortSignal) => get<Page<EvaluationRowDto & { roundTitle: string; period: string }>>('/api/evaluations', params, signal),
  rectifications: (params: QueryParams, signal?: AbortSignal) => get<Page<RectificationDto>>('/api/evaluations/rectifications', params, signal),
};

export function useIndicatorSets() {
  return useQuery({ queryKey: evaluationKeys.sets, queryFn: ({ signal }) => get<IndicatorSetList>('/api/evaluations/sets', undefined, signal) });
}
export function useScorers(orgUnitId: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: ['evaluations', 'scorers', orgUnitId ?? ''], queryFn: ({ signal }) => get<ScorerList>('/api/evaluations/scorers', { orgUnitId }, signal), enabled: enabled && !!orgUnitId });
}
export function useRound(id: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.round(id ?? ''), queryFn: ({ signal }) => get<RoundDetail>(`/api/evaluations/rounds/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useRoundResults(id: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.results(id ?? ''), queryFn: ({ signal }) => get<RoundResults>(`/api/evaluations/rounds/${enc(id as string)}/results`, undefined, signal), enabled: !!id });
}
export function useEvaluation(id: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.evaluation(id ?? ''), queryFn: ({ signal }) => get<EvaluationDetail>(`/api/evaluations/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useRectification(id: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.rectification(id ?? ''), queryFn: ({ signal }) => get<RectificationDetail>(`/api/evaluations/rectifications/${enc(id as string)}`, undefined, signal), enabled: !!id });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: evaluationKeys.all });
}
type Write<B> = { id: string; body: B };

export function useCreateSet() {
  return useMutation({ mutationFn: (body: IndicatorSetInput) => post<IndicatorSetDto>('/api/evaluations/sets', body), onSuccess: () => refresh() });
}
export function useUpdateSet() {
  return useMutation({ mutationFn: ({ id, body }: Write<IndicatorSetUpdate>) => put<IndicatorSetDto>(`/api/evaluations/sets/${enc(id)}`, body), onSuccess: () => refresh() });
}
export function useCreateRound() {
  return useMutation({ mutationFn: (body: RoundInput) => post<RoundDetail>('/api/evaluations/rounds', body), onSuccess: () => refresh() });
}
export function useSaveSelf() {
  return useMutation({ mutationFn: ({ id, body }: Write<SelfInput>) => put<EvaluationDetail>(`/api/evaluations/${enc(id)}/self`, body), onSuccess: () => refresh() });
}
export function useSaveSheet() {
  return useMutation({ mutationFn: ({ id, body }: Write<SheetInput>) => put<EvaluationDetail>(`/api/evaluations/${enc(id)}/sheet`, body), onSuccess: () => refresh() });
}
export type EvaluationActionName = 'submit' | 'return' | 'score' | 'reopen' | 'publish';
export function useEvaluationAction() {
  return useMutation({
    mutationFn: ({ id, action, body }: Write<{ version: number; reason?: string }> & { action: EvaluationActionName }) => post<EvaluationDetail>(`/api/evaluations/${enc(id)}/${action}`, body),
    onSuccess: () => refresh(),
  });
}
export function useOpenRectification() {
  return useMutation({ mutationFn: ({ id, body }: Write<RectificationInput>) => post<RectificationDetail>(`/api/evaluations/${enc(id)}/rectifications`, body), onSuccess: () => refresh() });
}
export function useCompleteRectification() {
  return useMutation({ mutationFn: ({ id, body }: Write<{ version: number; report: string }>) => post<RectificationDetail>(`/api/evaluations/rectifications/${enc(id)}/complete`, body), onSuccess: () => refresh() });
}

/** The public results page 考评结果公开 of a unit (no sign-in). */
export function usePublicEvaluationResults(unitId: string | undefined) {
  return useQuery({ queryKey: ['public', 'evaluation-results', unitId ?? ''], queryFn: ({ signal }) => get<PublicEvaluationResults>(`/api/public/org-units/${enc(unitId as string)}/evaluation-results`, undefined, signal), enabled: !!unitId });
}
