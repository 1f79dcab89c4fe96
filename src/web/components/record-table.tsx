// RecordTable: every list of the app. Server-side paging, filters and sort kept in the URL query
// string (so a list can be bookmarked, shared and returned to), a column chooser remembered per
// list, and a slot for an export button that receives the current filter. Filters marked
// `advanced` wait behind 更多筛选 (a long list of filters would fill a phone screen).
// A list that gives `cardRender` shows cards instead of the table on a narrow phone (< 576 px):
// there its `live` text filters search as the user types (debounced) and every other filter waits
// behind one 筛选 button. Wider screens keep the table.
import { useEffect, useMemo, useRef, useState, type Key, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Checkbox, DatePicker, Empty, Flex, Grid, Input, InputNumber, Pagination, Popover, Select, Space, Spin, Table, Tooltip } from 'antd';
import type { TableColumnType, TablePaginationConfig } from 'antd';
import { DownOutlined, FilterOutlined, ReloadOutlined, SettingOutlined, UpOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Page } from '../api/client';
import { useDebounced } from './use-debounced';
import type { LedgerName } from '../../shared/schemas/ledger-responsibles';
import { LedgerResponsible } from './ledger-responsible';

export type RecordColumn<T> = TableColumnType<T> & {
  key: string;
  title: string;
  /** hidden until the user picks it in the column chooser */
  defaultHidden?: boolean;
  /** cannot be hidden (e.g. the name or the actions) */
  fixedShown?: boolean;
  /**
   * The server's sort key of this column: the header sorts by it, kept in the URL as
   * `sort=key` (ascending) or `sort=-key` (descending).
   */
  sortKey?: string;
};

type FilterCommon = {
  /** behind the 更多筛选 toggle */
  advanced?: boolean;
};

export type RecordFilter = FilterCommon &
  (
    | {
        kind: 'text';
        name: string;
        label: string;
        placeholder?: string;
        width?: number;
        /** in the phone cards: searches as the user types (debounced), and stays out of the 筛选 panel */
        live?: boolean;
        /** a shorter placeholder for the phone cards */
        phonePlaceholder?: string;
      }
    | {
        kind: 'select';
        name: string;
        label: string;
        options: { value: string; label: string }[];
        width?: number;
      }
    | { kind: 'dateRange'; from: string; to: string; label: string }
    | { kind: 'numberRange'; from: string; to: string; label: string; min?: number; max?: number; unit?: string }
    | {
        kind: 'custom';
        name: string;
        label: string;
        render: (value: string | undefined, onChange: (value: string | undefined) => void) => ReactNode;
      }
  );

/** The filter and paging values of the current URL, as sent to the API. */
export type RecordParams = Record<string, string>;

type Props<T> = {
  /** prefix of the TanStack Query key; the params are appended */
  queryKey: readonly unknown[];
  fetchPage: (params: RecordParams, signal?: AbortSignal) => Promise<Page<T>>;
  columns: RecordColumn<T>[];
  rowKey: string | ((record: T) => Key);
  filters?: RecordFilter[];
  /** buttons on the right of the toolbar, e.g. 新增 */
  toolbar?: ReactNode;
  /** export button slot: receives the current filter params */
  exportSlot?: (params: RecordParams) => ReactNode;
  /** the ledger the list is: its responsible person at the filtered unit is shown beside the export */
  ledger?: LedgerName;
  /** remembers the chosen columns in localStorage under this key */
  storageKey?: string;
  defaultPageSize?: number;
  scrollX?: number | string;
  emptyText?: string;
  /** a row as a card: shown instead of the table on a phone narrower than 576 px */
  cardRender?: (record: T) => ReactNode;
};

const PAGE_SIZES = [10, 20, 50, 100];

function filterNames(filters: readonly RecordFilter[]): string[] {
  return filters.flatMap((f) => (f.kind === 'dateRange' || f.kind === 'numberRange' ? [f.from, f.to] : [f.name]));
}

function filterKey(f: RecordFilter): string {
  return f.kind === 'dateRange' || f.kind === 'numberRange' ? f.from : f.name;
}

function readHidden(storageKey: string | undefined, columns: readonly RecordColumn<unknown>[]): string[] {
  const fallback = columns.filter((c) => c.defaultHidden).map((c) => c.key);
  if (!storageKey) return fallback;
  try {
    const raw = window.localStorage.getItem(`rj:columns:${storageKey}`);
    if (!raw) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : fallback;
  } catch {
    return fallback;
  }
}

export function RecordTable<T extends object>(props: Props<T>) {
  const { filters = [], defaultPageSize = 20 } = props;
  const [searchParams, setSearchParams] = useSearchParams();
  // before the first measurement every breakpoint is undefined: the table
  const cards = !!props.cardRender && Grid.useBreakpoint().sm === false;
  const [filtersOpen, setFiltersOpen] = useState(false);

  const params = useMemo<RecordParams>(() => {
    const out: RecordParams = {};
    for (const name of filterNames(filters)) {
      const v = searchParams.get(name);
      if (v) out[name] = v;
    }
    const sort = searchParams.get('sort');
    if (sort) out.sort = sort;
    const page = Number(searchParams.get('page'));
    const pageSize = Number(searchParams.get('pageSize'));
    out.page = String(Number.isInteger(page) && page > 0 ? page : 1);
    out.pageSize = String(PAGE_SIZES.includes(pageSize) ? pageSize : defaultPageSize);
    return out;
  }, [searchParams, filters, defaultPageSize]);

  const query = useQuery({
    queryKey: [...props.queryKey, params],
    queryFn: ({ signal }) => props.fetchPage(params, signal),
    placeholderData: keepPreviousData,
  });

  function update(changes: Record<string, string | undefined>, resetPage = true): void {
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  }

  const [hidden, setHidden] = useState<string[]>(() =>
    readHidden(props.storageKey, props.columns as RecordColumn<unknown>[]),
  );
  function chooseColumns(keys: string[]): void {
    setHidden(keys);
    if (props.storageKey) {
      try {
        window.localStorage.setItem(`rj:columns:${props.storageKey}`, JSON.stringify(keys));
      } catch {
        // private mode: the choice lasts for this page only
      }
    }
  }
  const shownColumns: TableColumnType<T>[] = props.columns
    .filter((c) => c.fixedShown || !hidden.includes(c.key))
    .map((c) => {
      const col: Partial<RecordColumn<T>> = { ...c };
      delete col.defaultHidden;
      delete col.fixedShown;
      delete col.sortKey;
      if (c.sortKey) {
        col.sorter = true;
        col.sortOrder =
          params.sort === c.sortKey ? 'ascend' : params.sort === `-${c.sortKey}` ? 'descend' : null;
      }
      return col as TableColumnType<T>;
    });
  const advancedNames = filterNames(filters.filter((f) => f.advanced));
  const advancedSet = advancedNames.filter((n) => params[n]).length;
  const [showAdvanced, setShowAdvanced] = useState(advancedSet > 0);
  const shownFilters = filters.filter((f) => !f.advanced || showAdvanced);
  const chooser = (
    <Checkbox.Group
      value={props.columns.filter((c) => c.fixedShown || !hidden.includes(c.key)).map((c) => c.key)}
      onChange={(checked) => {
        const on = checked.map(String);
        chooseColumns(props.columns.filter((c) => !c.fixedShown && !on.includes(c.key)).map((c) => c.key));
      }}
    >
      <Flex vertical gap={6}>
        {props.columns.map((c) => (
          <Checkbox key={c.key} value={c.key} disabled={c.fixedShown}>
            {c.title}
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );

  const data = query.data;
  const pagination: TablePaginationConfig = {
    current: Number(params.page),
    pageSize: Number(params.pageSize),
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total) => (data?.totalCapped ? `共 ${total.toLocaleString('zh-CN')}+ 条` : `共 ${total} 条`),
    responsive: true,
  };

  const allNames = filterNames(filters);
  const anySet = allNames.some((n) => params[n]);
  const clearAll = (
    <Button type="link" onClick={() => update(Object.fromEntries(allNames.map((n) => [n, undefined])))}>
      清除筛选
    </Button>
  );
  // the phone cards: live text filters in sight, every other filter behind one button
  const liveFilters = filters.filter((f) => f.kind === 'text' && f.live);
  const panelFilters = filters.filter((f) => !(f.kind === 'text' && f.live));
  const panelSet = filterNames(panelFilters).filter((n) => params[n]).length;
  const phoneFilters = (
    <div className="record-table-filters record-table-phone-filters no-print">
      <Flex gap={8} align="center">
        {liveFilters.map((f) => (
          <div key={filterKey(f)} className="record-table-live">
            <FilterControl filter={f} params={params} update={update} live />
          </div>
        ))}
        {panelFilters.length > 0 && (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(!filtersOpen)} aria-expanded={filtersOpen} className="record-table-filter-toggle">
            筛选
            {panelSet > 0 && <Badge count={panelSet} size="small" color="#1f4e8c" />}
          </Button>
        )}
      </Flex>
      {filtersOpen && (
        <div className="record-table-filter-panel">
          {panelFilters.map((f) => (
            <div key={filterKey(f)} className="record-table-filter-item">
              <FilterControl filter={f} params={params} update={update} />
            </div>
          ))}
          <Flex justify="space-between">
            {anySet ? clearAll : <span />}
            <Button type="primary" onClick={() => setFiltersOpen(false)}>
              收起
            </Button>
          </Flex>
        </div>
      )}
    </div>
  );

  return (
    <div className={cards ? 'record-table record-table-cards' : 'record-table'}>
      {filters.length > 0 && cards && phoneFilters}
      {filters.length > 0 && !cards && (
        <Flex wrap gap={12} className="record-table-filters no-print" align="center">
          {shownFilters.map((f) => (
            <FilterControl key={filterKey(f)} filter={f} params={params} update={update} />
          ))}
          {advancedNames.length > 0 && (
            <Button
              type="link"
              className="record-table-more"
              onClick={() => setShowAdvanced(!showAdvanced)}
              aria-expanded={showAdvanced}
            >
              {showAdvanced ? '收起筛选' : '更多筛选'}
              {!showAdvanced && advancedSet > 0 && <Badge count={advancedSet} size="small" color="#1f4e8c" />}
              {showAdvanced ? <UpOutlined /> : <DownOutlined />}
            </Button>
          )}
          {anySet && clearAll}
        </Flex>
      )}
      <Flex justify="space-between" align="center" wrap gap={8} className="record-table-toolbar no-print">
        <div>
          <Space wrap>{props.toolbar}</Space>
        </div>
        <Space wrap>
          {props.ledger && <LedgerResponsible ledger={props.ledger} orgUnitId={params.orgUnitId} />}
          {props.exportSlot?.(params)}
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} aria-label="刷新" />
          </Tooltip>
          {!cards && (
            <Popover content={chooser} title="显示的列" trigger="click" placement="bottomRight">
              <Button icon={<SettingOutlined />}>列设置</Button>
            </Popover>
          )}
        </Space>
      </Flex>
      {cards && props.cardRender ? (
        <Spin spinning={query.isFetching}>
          <div className="muted record-table-total">{data ? pagination.showTotal?.(data.total, [0, 0]) : ' '}</div>
          {data && data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isError ? '加载失败，请刷新重试' : (props.emptyText ?? '暂无数据')} />
          ) : (
            <div className="record-cards" data-testid="record-cards">
              {(data?.items ?? []).map((row) => {
                const k = typeof props.rowKey === 'function' ? props.rowKey(row) : String((row as Record<string, unknown>)[props.rowKey]);
                return <div key={k}>{props.cardRender?.(row)}</div>;
              })}
            </div>
          )}
          {data && data.total > Number(params.pageSize) && (
            <Flex justify="center" className="record-cards-more">
              <Pagination
                simple
                current={Number(params.page)}
                pageSize={Number(params.pageSize)}
                total={data.total}
                onChange={(p) => update({ page: p === 1 ? undefined : String(p) }, false)}
              />
            </Flex>
          )}
        </Spin>
      ) : (
        <Table<T>
          rowKey={props.rowKey}
          columns={shownColumns}
          dataSource={data?.items ?? []}
          loading={query.isFetching}
          pagination={pagination}
          scroll={{ x: props.scrollX ?? 'max-content' }}
          size="middle"
          locale={{ emptyText: query.isError ? '加载失败，请刷新重试' : (props.emptyText ?? '暂无数据') }}
          onChange={(p, _filters, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const col = props.columns.find((c) => c.key === s?.columnKey);
              const sort = col?.sortKey && s?.order ? (s.order === 'descend' ? '-' : '') + col.sortKey : undefined;
              update({ sort });
              return;
            }
            const nextSize = p.pageSize ?? Number(params.pageSize);
            const sizeChanged = nextSize !== Number(params.pageSize);
            update(
              {
                page: sizeChanged || !p.current || p.current === 1 ? undefined : String(p.current),
                pageSize: nextSize === defaultPageSize ? undefined : String(nextSize),
              },
              false,
            );
          }}
        />
      )}
    </div>
  );
}

function FilterControl({
  filter,
  params,
  update,
  live,
}: {
  filter: RecordFilter;
  params: RecordParams;
  update: (changes: Record<string, string | undefined>) => void;
  /** a text filter that commits as the user types */
  live?: boolean;
}) {
  switch (filter.kind) {
    case 'text':
      return (
        <TextFilter
          label={filter.label}
          placeholder={live ? (filter.phonePlaceholder ?? filter.placeholder) : filter.placeholder}
          width={live ? undefined : filter.width}
          value={params[filter.name] ?? ''}
          live={live}
          onCommit={(v) => update({ [filter.name]: v.trim() || undefined })}
        />
      );
    case 'select':
      return (
        <Select
          aria-label={filter.label}
          placeholder={filter.label}
          allowClear
          style={{ width: filter.width ?? 160 }}
          value={params[filter.name]}
          options={filter.options}
          onChange={(v: string | undefined) => update({ [filter.name]: v })}
        />
      );
    case 'dateRange': {
      const from = params[filter.from];
      const to = params[filter.to];
      return (
        <DatePicker.RangePicker
          aria-label={filter.label}
          placeholder={[`${filter.label}起`, '止']}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            update({
              [filter.from]: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
              [filter.to]: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
            })
          }
        />
      );
    }
    case 'numberRange':
      return (
        <NumberRangeFilter
          filter={filter}
          from={params[filter.from]}
          to={params[filter.to]}
          onCommit={(from, to) => update({ [filter.from]: from, [filter.to]: to })}
        />
      );
    case 'custom':
      return <>{filter.render(params[filter.name], (v) => update({ [filter.name]: v }))}</>;
  }
}

function NumberRangeFilter(props: {
  filter: Extract<RecordFilter, { kind: 'numberRange' }>;
  from: string | undefined;
  to: string | undefined;
  onCommit: (from: string | undefined, to: string | undefined) => void;
}) {
  const { filter } = props;
  const [from, setFrom] = useState<number | null>(props.from ? Number(props.from) : null);
  const [to, setTo] = useState<number | null>(props.to ? Number(props.to) : null);
  useEffect(() => setFrom(props.from ? Number(props.from) : null), [props.from]);
  useEffect(() => setTo(props.to ? Number(props.to) : null), [props.to]);
  const commit = (): void => {
    const s = (v: number | null) => (v === null || Number.isNaN(v) ? undefined : String(v));
    if (s(from) !== props.from || s(to) !== props.to) props.onCommit(s(from), s(to));
  };
  const input = (value: number | null, set: (v: number | null) => void, label: string) => (
    <InputNumber<number>
      aria-label={`${filter.label}${label}`}
      placeholder={label === '起' ? `${filter.label}从` : '到'}
      min={filter.min}
      max={filter.max}
      precision={0}
      value={value}
      onChange={(v) => set(v)}
      onBlur={commit}
      onPressEnter={commit}
      style={{ flex: 1, minWidth: 0 }}
    />
  );
  return (
    <Flex align="center" gap={4} className="record-table-range" style={{ width: 220 }}>
      {input(from, setFrom, '起')}
      <span className="muted">–</span>
      {input(to, setTo, '止')}
      {filter.unit && <span className="muted">{filter.unit}</span>}
    </Flex>
  );
}

/** How long a live filter waits after the last keystroke before it searches. */
export const LIVE_SEARCH_MS = 300;

function TextFilter(props: {
  label: string;
  placeholder?: string;
  width?: number;
  value: string;
  live?: boolean;
  onCommit: (v: string) => void;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  // live: what was typed is searched once the typing pauses (the URL follows)
  const settledText = useDebounced(text, LIVE_SEARCH_MS);
  const commit = useRef(props.onCommit);
  commit.current = props.onCommit;
  useEffect(() => {
    if (props.live && settledText.trim() !== props.value.trim()) commit.current(settledText);
    // only a pause in typing commits (props.value is read, not watched: a new value from the URL commits nothing)
  }, [settledText, props.live]);
  return (
    <Input.Search
      aria-label={props.label}
      placeholder={props.placeholder ?? props.label}
      allowClear
      enterKeyHint={props.live ? 'search' : undefined}
      style={{ width: props.width ?? (props.live ? '100%' : 220) }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => props.onCommit(v)}
    />
  );
}
