// One ECharts wrapper for every chart: tree-shaken imports, resizes with its box, disposes on unmount.
// An option (and a height) may be a function of the box's width, so the same chart reads at 375 px
// and at 1280 px. The dashboards' donuts and bars are built here (`donutOption`, `barOption`):
// legends are plain and wrap below the donut (never paged), with each item's count; percentages sit
// inside the slices big enough for them, so no outside label is cut short ("4...").
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

type ByWidth<T> = T | ((width: number) => T);

export type ChartProps = {
  option: ByWidth<EChartsCoreOption>;
  height?: ByWidth<number>;
  /** label of the clicked data item */
  onClick?: (name: string) => void;
  ariaLabel: string;
};

const at = <T,>(v: ByWidth<T>, width: number): T => (typeof v === 'function' ? (v as (w: number) => T)(width) : v);

export function Chart({ option, height = 260, onClick, ariaLabel }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!ref.current) return;
    const el = ref.current;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => {
      setWidth(el.clientWidth);
      c.resize();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  const resolved = useMemo(() => (width > 0 ? at(option, width) : null), [option, width]);
  const h = at(height, width || 320);
  useEffect(() => {
    if (!resolved) return;
    chart.current?.resize();
    chart.current?.setOption(resolved, true);
  }, [resolved, h]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: { name?: string }) => {
      if (p.name) onClick(p.name);
    };
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  const legend = (resolved as { legend?: { type?: string } } | null)?.legend;
  return <div ref={ref} role="img" aria-label={ariaLabel} className="chart" data-legend={legend ? (legend.type ?? 'plain') : 'none'} style={{ width: '100%', height: h }} />;
}

// ---- the dashboards' charts ----

export type ChartItem = { label: string; n: number };

const RED = '#b71c1c';
const FONT = 12;
/** a rough text width: CJK a full em, the rest about half */
const textWidth = (s: string, size = FONT) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? size : size * 0.6), 0);
const legendText = (i: ChartItem) => `${i.label} ${i.n}`;
/** the legend's rows when its items wrap within the width (icon 25 + gap 5 + text + item gap 10) */
function legendRows(items: ChartItem[], width: number): number {
  const room = Math.max(120, width - 20);
  let rows = 1;
  let x = 0;
  for (const i of items) {
    const w = 40 + textWidth(legendText(i));
    if (x > 0 && x + w > room) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}
const donutArea = (width: number) => (width < 480 ? 200 : 220);
const LEGEND_ROW = 22;

/** The height of a donut of these items at this width: the ring, then the legend's rows. */
export function donutHeight(items: ChartItem[], width: number): number {
  return donutArea(width) + legendRows(items.filter((i) => i.n > 0), width) * LEGEND_ROW + 12;
}

/** A donut: the legend (name and count) wrapped below, the share inside each slice big enough for it. */
export function donutOption(items: ChartItem[], width: number): EChartsCoreOption {
  const shown = items.filter((i) => i.n > 0);
  const area = donutArea(width);
  const outer = Math.min(area, width) / 2 - 8;
  const count = new Map(shown.map((i) => [i.label, i.n]));
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', confine: true },
    legend: {
      type: 'plain',
      top: area + 4,
      left: 'center',
      width: width - 20,
      itemGap: 10,
      itemWidth: 18,
      itemHeight: 12,
      textStyle: { fontSize: FONT },
      formatter: (name: string) => `${name} ${count.get(name) ?? ''}`,
    },
    series: [
      {
        type: 'pie',
        radius: [Math.round(outer * 0.5), Math.round(outer)],
        center: ['50%', area / 2],
        avoidLabelOverlap: true,
        // a share is printed where it fits (about 30° of the ring); the legend and tooltip carry the rest
        minShowLabelAngle: 30,
        label: { position: 'inside', formatter: (p: { percent?: number }) => `${Math.round(p.percent ?? 0)}%`, color: '#fff', fontSize: 11, fontWeight: 600 },
        labelLine: { show: false },
        data: shown.map((i) => ({ name: i.label, value: i.n })),
      },
    ],
  };
}

/** Bars of counts, horizontal for long category names; the axis labels are measured, never cut. */
export function barOption(items: ChartItem[], opts: { horizontal?: boolean; width: number; color?: string }): EChartsCoreOption {
  const labels = items.map((i) => i.label);
  const narrow = opts.width < 480;
  const longest = Math.max(0, ...labels.map((l) => textWidth(l, 11)));
  const rotate = !opts.horizontal && (labels.some((l) => l.length > 4) || (narrow && labels.length > 5)) ? 30 : 0;
  const cat = { type: 'category' as const, data: labels, axisLabel: { interval: 0, fontSize: 11, rotate } };
  const val = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 11 } };
  return {
    tooltip: { trigger: 'axis', confine: true },
    grid: {
      left: opts.horizontal ? Math.min(longest + 12, opts.width * 0.45) : 8,
      right: 28,
      top: 20,
      bottom: 8,
      containLabel: !opts.horizontal,
    },
    xAxis: opts.horizontal ? val : cat,
    yAxis: opts.horizontal ? { ...cat, inverse: true, axisLabel: { ...cat.axisLabel, width: opts.width * 0.45 - 12, overflow: 'break' } } : val,
    series: [{ type: 'bar', barMaxWidth: 32, data: items.map((i) => i.n), itemStyle: { color: opts.color ?? RED }, label: { show: true, position: opts.horizontal ? 'right' : 'top', fontSize: 11 } }],
  };
}

/** The height of horizontal bars: a row per item. */
export const hbarHeight = (items: ChartItem[]) => Math.max(200, items.length * 28 + 30);

/** Counts as a donut, bars or horizontal bars at the box's width; 暂无数据 when all are zero. */
export function CountChart({ items, kind, ariaLabel }: { items: ChartItem[]; kind: 'bar' | 'hbar' | 'pie'; ariaLabel: string }) {
  const option = useCallback((w: number) => (kind === 'pie' ? donutOption(items, w) : barOption(items, { horizontal: kind === 'hbar', width: w })), [items, kind]);
  if (items.every((i) => i.n === 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />;
  const height = kind === 'pie' ? (w: number) => donutHeight(items, w) : kind === 'hbar' ? hbarHeight(items) : 260;
  return <Chart option={option} ariaLabel={ariaLabel} height={height} />;
}

/** Rates (0–1, null: nothing to measure) as horizontal bars in percent, the measured count beside each. */
export function rateBarOption(items: { label: string; rate: number | null; note?: string }[], width: number): EChartsCoreOption {
  const shown = items.filter((i) => i.rate !== null);
  const labels = shown.map((i) => i.label);
  const longest = Math.max(0, ...labels.map((l) => textWidth(l, 11)));
  const left = Math.min(longest + 12, width * 0.4);
  return {
    tooltip: { trigger: 'item', confine: true, formatter: (p: { name: string; value: number; dataIndex: number }) => `${p.name}：${p.value}%${shown[p.dataIndex]?.note ? `（${shown[p.dataIndex].note}）` : ''}` },
    grid: { left, right: 48, top: 12, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { fontSize: 11, formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { interval: 0, fontSize: 11, width: left - 8, overflow: 'break' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        cursor: 'pointer',
        data: shown.map((i) => ({ value: Math.round((i.rate ?? 0) * 1000) / 10, itemStyle: { color: (i.rate ?? 0) < 0.9 ? '#d48806' : '#389e0d' } })),
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
      },
    ],
  };
}

/** The height of rate bars: a row per measured item. */
export const rateBarHeight = (n: number) => Math.max(120, n * 30 + 40);

const STACK_COLORS = ['#d48806', '#1f4e8c', '#7c4dff', '#13a8a8', '#389e0d', '#8c8c8c', RED];

/** Counts of categories split by series (e.g. items by status), stacked horizontal bars, the legend wrapped above. */
export function stackedBarOption(categories: string[], series: { name: string; data: number[] }[], width: number): EChartsCoreOption {
  const shown = series.filter((s) => s.data.some((n) => n > 0));
  const longest = Math.max(0, ...categories.map((l) => textWidth(l, 11)));
  const left = Math.min(longest + 12, width * 0.45);
  const legendItems = shown.map((s) => ({ label: s.name, n: s.data.reduce((a, b) => a + b, 0) }));
  const top = legendRows(legendItems, width) * LEGEND_ROW + 8;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: {
      type: 'plain',
      top: 0,
      left: 'center',
      width: width - 20,
      itemWidth: 18,
      itemHeight: 12,
      textStyle: { fontSize: FONT },
      formatter: (name: string) => `${name} ${legendItems.find((i) => i.label === name)?.n ?? ''}`,
    },
    grid: { left, right: 24, top, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: categories, axisLabel: { interval: 0, fontSize: 11, width: left - 8, overflow: 'break' } },
    series: shown.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'all',
      barMaxWidth: 22,
      data: s.data.map((n) => n || null),
      itemStyle: { color: STACK_COLORS[series.indexOf(s) % STACK_COLORS.length] },
    })),
  };
}

/** The height of stacked bars: the legend's rows, then a row per category. */
export function stackedBarHeight(categories: number, series: { name: string; data: number[] }[], width: number): number {
  const legendItems = series.filter((s) => s.data.some((n) => n > 0)).map((s) => ({ label: s.name, n: s.data.reduce((a, b) => a + b, 0) }));
  return legendRows(legendItems, width) * LEGEND_ROW + 8 + Math.max(120, categories * 30 + 24);
}
