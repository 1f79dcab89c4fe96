// The public catalog of a unit on a phone (Part 2 四(四), §38 一次性告知): the unit's items, and
// each item's page telling everything at once — the materials as a checklist the person ticks
// (kept on the device), the steps with their time limits, the notice, fee and result — with a
// clean A4 print version of the checklist.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Checkbox, Empty, Input, Skeleton, Tag } from 'antd';
import { FormOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { materialFormLabels, serviceItemKindLabels, stepLevelLabels, type PublicServiceItemDto } from '../../../shared/schemas/service-items';
import { usePublicUnit } from '../../api/public';
import { usePublicCatalog, usePublicServiceItem } from '../../api/service-items';
import { useDebounced } from '../../components/use-debounced';
import { PUBLIC_TITLE } from './public-layout';
import './service-catalog.css';

const enc = encodeURIComponent;
const TO_ASK = '请咨询服务中心（站）';

function limitText(days: number | null, dayKind: 'working' | 'natural'): string {
  return days === null ? TO_ASK : `${days} 个${dayKind === 'working' ? '工作日' : '自然日'}`;
}

function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · ${PUBLIC_TITLE}` : PUBLIC_TITLE;
  }, [title]);
}

/** The unit's items: a search box and one tappable card per item. */
export function PublicCatalogPage() {
  const { id } = useParams();
  const unit = usePublicUnit(id);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const list = usePublicCatalog(id, query);
  useTitle(unit.data ? `${unit.data.name}服务事项` : undefined);
  if (unit.isError) return <Alert type="error" showIcon title="未找到该服务中心（站）" description={<Link to="/public">返回查找</Link>} />;
  return (
    <>
      <Breadcrumb
        style={{ margin: '4px 4px 8px' }}
        items={[{ key: 'home', title: <Link to="/public">全部</Link> }, { key: 'unit', title: <Link to={`/public/units/${enc(id ?? '')}`}>{unit.data?.name ?? '…'}</Link> }, { key: 'items', title: '服务事项' }]}
      />
      <div className="pp-title">可办理的服务事项</div>
      <div className="pp-hint">点开事项查看所需材料清单（可勾选、可打印）、办理环节和时限，材料带齐一次办成。</div>
      <Input.Search className="public-search" allowClear placeholder="搜索事项，如：抚恤、优待" value={q} onChange={(e) => setQ(e.target.value)} aria-label="搜索事项" />
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <Alert type="error" showIcon title="暂时无法读取服务事项，请稍后再试" />
      ) : list.data.items.length === 0 ? (
        <div className="public-block">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query ? '没有找到相关事项' : '暂无公布的服务事项'} />
        </div>
      ) : (
        list.data.items.map((it) => (
          <Link key={it.id} to={`/public/units/${enc(id ?? '')}/items/${enc(it.id)}`} className="unit-card sc-item-card">
            <div className="unit-card-name">
              <span>{it.name}</span>
              <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
            </div>
            <div className="unit-card-line">
              <Tag color={it.kind === 'national' ? 'red' : 'blue'}>{serviceItemKindLabels[it.kind]}</Tag>
              材料 {it.materials.length} 项 · {it.steps.length} 个环节{it.noticeRequired ? ' · 需公示' : ''}
            </div>
          </Link>
        ))
      )}
    </>
  );
}

/** The ticks of one item's checklist, kept on the device (nothing leaves it). */
function useTicks(itemId: string | undefined) {
  const key = `rj:checklist:${itemId ?? ''}`;
  const [ticks, setTicks] = useState<number[]>(() => {
    try {
      const v: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
    } catch {
      return [];
    }
  });
  function toggle(i: number, on: boolean) {
    const next = on ? [...new Set([...ticks, i])] : ticks.filter((x) => x !== i);
    setTicks(next);
    try {
      window.localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // private mode: the ticks live as long as the page
    }
  }
  return { ticks, toggle };
}

function Facts({ item }: { item: PublicServiceItemDto }) {
  return (
    <>
      {item.eligibility && (
        <div className="info-row">
          <div className="info-label">受理条件</div>
          <div className="info-value sc-pre">{item.eligibility}</div>
        </div>
      )}
      {item.policyBasis && (
        <div className="info-row">
          <div className="info-label">政策依据</div>
          <div className="info-value sc-pre">{item.policyBasis}</div>
        </div>
      )}
      <div className="info-row">
        <div className="info-label">公示</div>
        <div className="info-value">{item.noticeRequired ? (item.noticeDays ? `需公示 ${item.noticeDays} 天` : `需公示（天数${TO_ASK}）`) : '不需公示'}</div>
      </div>
      <div className="info-row">
        <div className="info-label">决定机关</div>
        <div className="info-value">{item.decider || TO_ASK}</div>
      </div>
      <div className="info-row">
        <div className="info-label">收费</div>
        <div className="info-value">{item.fee || '不收费'}</div>
      </div>
      <div className="info-row">
        <div className="info-label">办理结果</div>
        <div className="info-value">{item.resultDocument || TO_ASK}</div>
      </div>
      {item.timeLimitNote && (
        <div className="info-row">
          <div className="info-label">办理时限</div>
          <div className="info-value">{item.timeLimitNote}</div>
        </div>
      )}
    </>
  );
}

function StepList({ item }: { item: PublicServiceItemDto }) {
  return (
    <ol className="sc-steps">
      {item.steps.map((s, i) => (
        <li key={i}>
          <div className="sc-step-label">{s.label}</div>
          <div className="sc-step-sub">
            {stepLevelLabels[s.level]} · 时限：{limitText(s.days, s.dayKind)}
          </div>
        </li>
      ))}
      {item.noticeRequired && (
        <li>
          <div className="sc-step-label">公示</div>
          <div className="sc-step-sub">{item.noticeDays ? `${item.noticeDays} 天` : TO_ASK}，公示无异议后作出决定</div>
        </li>
      )}
    </ol>
  );
}

/** 一次性告知: one item on a phone. */
export function PublicServiceItemPage() {
  const { id, itemId } = useParams();
  const unit = usePublicUnit(id);
  const item = usePublicServiceItem(id, itemId);
  const { ticks, toggle } = useTicks(itemId);
  const d = item.data;
  useTitle(d?.name);
  const required = useMemo(() => (d ? d.materials.map((m, i) => ({ m, i })).filter((x) => x.m.required) : []), [d]);
  if (item.isPending) return <Skeleton active />;
  if (item.isError || !d) return <Alert type="error" showIcon title="未找到该服务事项" description={<Link to={`/public/units/${enc(id ?? '')}/items`}>返回服务事项</Link>} />;
  const done = required.filter((x) => ticks.includes(x.i)).length;

  return (
    <>
      <Breadcrumb
        style={{ margin: '4px 4px 8px' }}
        items={[
          { key: 'unit', title: <Link to={`/public/units/${enc(id ?? '')}`}>{unit.data?.name ?? '…'}</Link> },
          { key: 'items', title: <Link to={`/public/units/${enc(id ?? '')}/items`}>服务事项</Link> },
        ]}
      />
      <div className="pp-title">{d.name}</div>
      <div className="pp-hint">一次性告知：请按下列清单准备材料，带齐后到{unit.data?.name ?? '服务中心（站）'}办理。</div>
      <div className="public-section-title">
        所需材料（已备 {done}/{required.length} 项必需材料）
      </div>
      <div className="public-block sc-checklist" role="group" aria-label="材料清单">
        {d.materials.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无需提交材料" />
        ) : (
          d.materials.map((m, i) => (
            <label key={i} className={`sc-check ${ticks.includes(i) ? 'sc-checked' : ''}`}>
              <Checkbox checked={ticks.includes(i)} onChange={(e) => toggle(i, e.target.checked)} aria-label={m.name} />
              <div className="sc-check-body">
                <div className="sc-check-name">
                  {m.name}
                  {!m.required && <Tag className="sc-tag">视情提供</Tag>}
                </div>
                <div className="sc-check-sub">
                  {materialFormLabels[m.form]} {m.count} 份{m.note ? ` · ${m.note}` : ''}
                </div>
              </div>
            </label>
          ))
        )}
      </div>
      {d.handoff !== 'glory-plaque' && (
        <Link to={`/public/units/${enc(id ?? '')}/items/${enc(d.id)}/apply`}>
          <Button block type="primary" icon={<FormOutlined />} size="large" style={{ marginBottom: 8 }} data-testid="apply-online">
            在线申请
          </Button>
        </Link>
      )}
      <Link to={`/public/units/${enc(id ?? '')}/items/${enc(d.id)}/print`}>
        <Button block icon={<PrinterOutlined />} size="large">
          打印材料清单
        </Button>
      </Link>
      <div className="public-section-title">办理环节与时限</div>
      <div className="public-block">
        <StepList item={d} />
      </div>
      <div className="public-section-title">其他须知</div>
      <div className="public-block">
        <Facts item={d} />
      </div>
    </>
  );
}

/** The A4 print version of the checklist: boxes to tick with a pen, the steps and the facts. */
export function PublicServiceItemPrintPage() {
  const { id, itemId } = useParams();
  const unit = usePublicUnit(id);
  const item = usePublicServiceItem(id, itemId);
  const d = item.data;
  useTitle(d ? `${d.name}材料清单` : undefined);
  if (item.isPending) return <Skeleton active />;
  if (item.isError || !d) return <Alert type="error" showIcon title="未找到该服务事项" />;
  return (
    <div className="sc-print">
      <div className="no-print sc-print-bar">
        <Link to={`/public/units/${enc(id ?? '')}/items/${enc(d.id)}`}>返回</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <div className="sc-sheet" data-testid="print-sheet">
        <h1>{d.name}</h1>
        <div className="sc-sheet-sub">一次性告知单 · {unit.data?.name ?? ''}{unit.data?.phone ? ` · 电话 ${unit.data.phone}` : ''}</div>
        <h2>所需材料</h2>
        <table className="sc-table">
          <thead>
            <tr>
              <th style={{ width: '8%' }}>已备</th>
              <th style={{ width: '6%' }}>序号</th>
              <th>材料名称</th>
              <th style={{ width: '16%' }}>形式</th>
              <th style={{ width: '8%' }}>份数</th>
              <th style={{ width: '30%' }}>说明</th>
            </tr>
          </thead>
          <tbody>
            {d.materials.map((m, i) => (
              <tr key={i}>
                <td className="sc-box">☐</td>
                <td>{i + 1}</td>
                <td>
                  {m.name}
                  {!m.required && '（视情提供）'}
                </td>
                <td>{materialFormLabels[m.form]}</td>
                <td>{m.count}</td>
                <td>{m.note}</td>
              </tr>
            ))}
            {d.materials.length === 0 && (
              <tr>
                <td colSpan={6}>无需提交材料</td>
              </tr>
            )}
          </tbody>
        </table>
        <h2>办理环节与时限</h2>
        <StepList item={d} />
        <h2>其他须知</h2>
        <div className="sc-sheet-facts">
          <Facts item={d} />
        </div>
        <div className="sc-sheet-foot">收费：{d.fee || '不收费'}。材料不齐的，工作人员将一次性告知需补正的全部内容。</div>
      </div>
    </div>
  );
}
