// 节假日安排: the years of holiday data the deadline calendar knows, and loading a new year.
import { useMutation, useQuery } from '@tanstack/react-query';
import { get, put } from './client';
import { queryClient } from './query-client';

export type HolidayYears = { years: number[]; source: string; warnings: string[] };

export const holidayKeys = { years: ['holiday-years'] as const };

export function useHolidayYears() {
  return useQuery({
    queryKey: holidayKeys.years,
    queryFn: ({ signal }) => get<HolidayYears>('/api/holiday-years', undefined, signal),
  });
}

export function useLoadHolidayYear() {
  return useMutation({
    mutationFn: ({ year, holidays, workdays }: { year: number; holidays: string[]; workdays: string[] }) =>
      put<{ year: number; recomputed: number }>(`/api/holiday-years/${year}`, { holidays, workdays }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: holidayKeys.years }),
    meta: { silent: true },
  });
}
