// The lazily loaded tree of the caller's scope, shared by the org-unit page and OrgUnitSelect:
// roots come from GET /api/org-units, children are fetched when a node is opened.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OrgUnitDto } from '../../shared/schemas/org-units';
import { orgUnitApi, orgUnitKeys } from '../api/org-units';
import { queryClient } from '../api/query-client';

export const CHILD_PAGE = 200;

export type OrgTree = {
  roots: OrgUnitDto[];
  rootsLoading: boolean;
  /** children by parent id, for the nodes opened so far */
  childrenOf: Record<string, OrgUnitDto[]>;
  /** parents with more children than one page holds */
  truncated: Record<string, number>;
  loadChildren: (parentId: string) => Promise<void>;
  /** re-reads the roots and every opened node (after a write) */
  reload: () => Promise<void>;
  /** a unit seen anywhere in the loaded tree */
  find: (id: string) => OrgUnitDto | undefined;
};

const rootsParams = { pageSize: CHILD_PAGE };

export function useOrgTree(): OrgTree {
  const rootsQuery = useQuery({
    queryKey: orgUnitKeys.list(rootsParams),
    queryFn: ({ signal }) => orgUnitApi.roots(signal),
  });
  const [childrenOf, setChildrenOf] = useState<Record<string, OrgUnitDto[]>>({});
  const [truncated, setTruncated] = useState<Record<string, number>>({});
  const opened = useRef(new Set<string>());

  const loadChildren = useCallback(async (parentId: string) => {
    const page = await queryClient.fetchQuery({
      queryKey: orgUnitKeys.list({ parentId, pageSize: CHILD_PAGE }),
      queryFn: ({ signal }) => orgUnitApi.children(parentId, signal),
    });
    opened.current.add(parentId);
    setChildrenOf((m) => ({ ...m, [parentId]: page.items }));
    setTruncated((m) => {
      const next = { ...m };
      if (page.total > page.items.length) next[parentId] = page.total;
      else delete next[parentId];
      return next;
    });
  }, []);

  const reload = useCallback(async () => {
    await rootsQuery.refetch();
    await Promise.all([...opened.current].map((id) => loadChildren(id).catch(() => undefined)));
  }, [rootsQuery, loadChildren]);

  const roots = useMemo(() => rootsQuery.data?.items ?? [], [rootsQuery.data]);
  const find = useCallback(
    (id: string) => {
      const hit = roots.find((u) => u.id === id);
      if (hit) return hit;
      for (const list of Object.values(childrenOf)) {
        const c = list.find((u) => u.id === id);
        if (c) return c;
      }
      return undefined;
    },
    [roots, childrenOf],
  );

  return { roots, rootsLoading: rootsQuery.isLoading, childrenOf, truncated, loadChildren, reload, find };
}
