// OrgUnitSelect: picks one org unit of the caller's scope. A TreeSelect whose nodes load when
// opened; typing searches the server (name or code) and lists the matches flat.
import { useState, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgLevelLabels, type OrgLevel, type OrgUnitDto } from '../../shared/schemas/org-units';
import { orgUnitApi, useOrgUnit } from '../api/org-units';
import { useOrgTree } from './use-org-tree';
import { useDebounced } from './use-debounced';

type Props = {
  value?: string;
  onChange?: (id: string | undefined, unit?: OrgUnitDto) => void;
  /** only units of these levels can be chosen (others stay visible to reach their children) */
  selectableLevels?: readonly OrgLevel[];
  /** units that cannot be chosen, e.g. the unit being moved */
  disabledIds?: readonly string[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
};

type Node = {
  value: string;
  title: ReactNode;
  isLeaf: boolean;
  selectable: boolean;
  disabled?: boolean;
  children?: Node[];
};

export function unitTitle(u: Pick<OrgUnitDto, 'name' | 'level'>): string {
  return `${u.name}（${orgLevelLabels[u.level]}）`;
}

export function OrgUnitSelect(props: Props) {
  const tree = useOrgTree();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const searching = q.length > 0;
  // one selectable level: let the server return only those
  const searchLevel = props.selectableLevels?.length === 1 ? props.selectableLevels[0] : undefined;
  const searchQuery = useQuery({
    queryKey: ['org-units', 'select-search', q, searchLevel ?? ''],
    queryFn: ({ signal }) => orgUnitApi.search(q, searchLevel, signal),
    enabled: searching,
  });
  const selected = useOrgUnit(props.value && !tree.find(props.value) ? props.value : undefined);

  const { selectableLevels, disabledIds } = props;
  function toNode(u: OrgUnitDto, withChildren: boolean): Node {
    const selectable = !selectableLevels || selectableLevels.includes(u.level);
    const kids = withChildren ? tree.childrenOf[u.id] : undefined;
    return {
      value: u.id,
      title: (
        <span className={selectable ? undefined : 'muted'}>
          {unitTitle(u)}
          {withChildren ? null : <span className="muted"> {u.code}</span>}
        </span>
      ),
      isLeaf: !withChildren || u.childCount === 0 || u.level === 'grid',
      selectable,
      disabled: disabledIds?.includes(u.id),
      children: kids?.map((k) => toNode(k, true)),
    };
  }

  const treeData: Node[] = searching
    ? (searchQuery.data?.items ?? []).map((u) => toNode(u, false))
    : tree.roots.map((u) => toNode(u, true));

  const label = props.value
    ? (() => {
        const u = tree.find(props.value) ?? searchQuery.data?.items.find((x) => x.id === props.value) ?? selected.data;
        return u ? unitTitle(u) : '加载中…';
      })()
    : undefined;

  return (
    <TreeSelect<{ value: string; label: string } | undefined>
      id={props.id}
      aria-label={props['aria-label']}
      disabled={props.disabled}
      style={props.style ?? { width: '100%' }}
      placeholder={props.placeholder ?? '选择单位'}
      allowClear={props.allowClear}
      labelInValue
      value={props.value ? { value: props.value, label: label ?? '' } : undefined}
      treeData={treeData}
      loadData={searching ? undefined : (node) => tree.loadChildren(String(node.value))}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterTreeNode: false,
        autoClearSearchValue: true,
      }}
      notFoundContent={
        (searching && searchQuery.isFetching) || tree.rootsLoading ? <Spin size="small" /> : '没有匹配的单位'
      }
      onChange={(v) => {
        setSearch('');
        const id = v?.value;
        if (!id) {
          props.onChange?.(undefined);
          return;
        }
        const unit = tree.find(id) ?? searchQuery.data?.items.find((x) => x.id === id);
        props.onChange?.(id, unit);
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(480px, 95vw)' } } }}
      listHeight={360}
    />
  );
}
