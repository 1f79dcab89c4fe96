// Security policy (等保 settings) hooks.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SecurityPolicy } from '../../shared/schemas/security-policy';
import { get, put } from './client';
import { queryClient } from './query-client';

export const securityPolicyKey = ['security-policy'] as const;

export function useSecurityPolicy(enabled = true) {
  return useQuery({
    queryKey: securityPolicyKey,
    queryFn: ({ signal }) => get<SecurityPolicy>('/api/security-policy', undefined, signal),
    enabled,
  });
}

export function useSaveSecurityPolicy() {
  return useMutation({
    mutationFn: (body: SecurityPolicy) => put<SecurityPolicy>('/api/security-policy', body),
    onSuccess: (p) => queryClient.setQueryData(securityPolicyKey, p),
  });
}
