// 组织机构: the tree of the user's scope on the left (lazy, searchable), the selected unit's detail,
// actions and direct children on the right.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Col, Descriptions, Empty, Input, Row, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { TableColumnsType, TreeDataNode } from 'antd';
import { EditOutlined, MergeCellsOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { childLevelOf, orgLevelLabels, type OrgUnitDto } from '../../../shared/schemas/org-units';
import { useOrgUnit, useOrgUnitList } from '../../api/org-units';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { CHILD_PAGE, useOrgTree } from '../../components/use-org-tree';
import { OrgUnitFormDrawer, type OrgUnitFormTarget } from './org-unit-form-drawer';
import { MergeOrgUnitModal, MoveOrgUnitModal } from './move-merge-modals';

function nodeTitle(u: OrgUnitDto) {
  return (
    <span>
      {u.name}
      {!u.active && <span className="muted">（已停用）</span>}
      <span className="muted" style={{ marginLeft: 6, fontSize: 12 }}>
        {orgLevelLabels[u.level]}
      </span>
    </span>
  );
}

export function OrgUnitsPage() {
  const canWrite = useCan('org:write');
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id') ?? undefined;
  const tree = useOrgTree();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const search = useOrgUnitList({ q, pageSize: 50 }, q.length > 0);
  const [expanded, setExpanded] = useState<string[]>([]);

  const [formTarget, setFormTarget] = useState<OrgUnitFormTarget | null>(null);
  const [moving, setMoving] = useState<OrgUnitDto | null>(null);
  const [merging, setMerging] = useState<OrgUnitDto | null>(null);

  function select(id: string | undefined): void {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('id', id);
        else next.delete('id');
        return next;
      },
      { replace: true },
    );
  }

  // Open on the first root of the scope.
  const firstRoot = tree.roots[0];
  useEffect(() => {
    if (!selectedId && firstRoot) select(firstRoot.id);
    if (firstRoot && expanded.length === 0 && firstRoot.childCount > 0) {
      setExpanded([firstRoot.id]);
      void tree.loadChildren(firstRoot.id);
    }
    // only when the scope's first root becomes known
  }, [firstRoot?.id]);

  const unit = useOrgUnit(selectedId);
  const children = useOrgUnitList({ parentId: selectedId, pageSize: CHILD_PAGE }, !!selectedId);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (u: OrgUnitDto): TreeDataNode => {
      const kids = tree.childrenOf[u.id];
      const nodes = kids?.map(build);
      if (nodes && tree.truncated[u.id]) {
        nodes.push({
          key: `${u.id}:more`,
          title: <span className="muted">另有 {tree.truncated[u.id] - kids.length} 个，请用搜索查找</span>,
          isLeaf: true,
          selectable: false,
        });
      }
      return { key: u.id, title: nodeTitle(u), isLeaf: u.childCount === 0, children: nodes };
    };
    return tree.roots.map(build);
  }, [tree.roots, tree.childrenOf, tree.truncated]);

  const searchData: TreeDataNode[] = (search.data?.items ?? []).map((u) => ({
    key: u.id,
    title: (
      <span>
        {nodeTitle(u)} <span className="muted mono">{u.code}</span>
      </span>
    ),
    isLeaf: true,
  }));

  async function afterWrite(u: OrgUnitDto): Promise<void> {
    setFormTarget(null);
    setMoving(null);
    setMerging(null);
    select(u.id);
    await tree.reload();
    if (u.parentId) {
      setExpanded((e) => (e.includes(u.parentId as string) ? e : [...e, u.parentId as string]));
      await tree.loadChildren(u.parentId).catch(() => undefined);
    }
  }

  const u = unit.data;
  const childLevel = u ? childLevelOf(u.level) : null;

  const childColumns: TableColumnsType<OrgUnitDto> = [
    {
      key: 'name',
      title: '名称',
      dataIndex: 'name',
      render: (_v, row) => (
        <Typography.Link onClick={() => select(row.id)}>
          {row.name}
          {!row.active && <span className="muted">（已停用）</span>}
        </Typography.Link>
      ),
    },
    { key: 'code', title: '区划代码', dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { key: 'headName', title: '负责人', dataIndex: 'headName' },
    { key: 'phone', title: '电话', dataIndex: 'phone' },
    { key: 'childCount', title: '下级数', dataIndex: 'childCount', align: 'right' },
  ];

  return (
    <PageShell title="组织机构">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <div className="panel org-tree-panel">
            <Input.Search
              placeholder="按名称或区划代码搜索"
              allowClear
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!e.target.value) setQ('');
              }}
              onSearch={(v) => setQ(v.trim())}
              aria-label="搜索单位"
            />
            {q ? (
              search.isFetching ? (
                <div className="content-center">
                  <Spin />
                </div>
              ) : searchData.length ? (
                <>
                  <Tree
                    treeData={searchData}
                    selectedKeys={selectedId ? [selectedId] : []}
                    onSelect={(keys) => keys[0] && select(String(keys[0]))}
                    blockNode
                  />
                  {search.data && search.data.total > search.data.items.length && (
                    <Typography.Text type="secondary">
                      共 {search.data.total} 个结果，仅显示前 {search.data.items.length} 个，请输入更完整的名称。
                    </Typography.Text>
                  )}
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的单位" />
              )
            ) : tree.rootsLoading ? (
              <div className="content-center">
                <Spin />
              </div>
            ) : (
              <Tree
                treeData={treeData}
                loadData={(node) => tree.loadChildren(String(node.key))}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => keys[0] && select(String(keys[0]))}
                blockNode
                showLine
              />
            )}
          </div>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {!selectedId ? (
            <div className="panel">
              <Empty description="请在左侧选择单位" />
            </div>
          ) : unit.isPending ? (
            <div className="panel content-center">
              <Spin />
            </div>
          ) : !u ? (
            <div className="panel">
              <Alert type="error" title="无法读取该单位" />
            </div>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <div className="panel">
                <Row justify="space-between" align="middle" gutter={[8, 8]} style={{ marginBottom: 12 }}>
                  <Col>
                    <Typography.Title level={5} style={{ margin: 0 }}>
                      {u.name} <Tag color="blue">{orgLevelLabels[u.level]}</Tag>
                      {!u.active && <Tag>已停用</Tag>}
                    </Typography.Title>
                  </Col>
                  {canWrite && u.active && (
                    <Col className="no-print">
                      <Space wrap>
                        <Button icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', unit: u })}>
                          编辑
                        </Button>
                        {childLevel && (
                          <Button
                            type="primary"
                            icon={<PlusOutlined />}
                            onClick={() => setFormTarget({ mode: 'create', parent: u, level: childLevel })}
                          >
                            新增下级
                          </Button>
                        )}
                        {u.parentId && (
                          <Button icon={<SwapOutlined />} onClick={() => setMoving(u)}>
                            移动
                          </Button>
                        )}
                        {u.parentId && (
                          <Button danger icon={<MergeCellsOutlined />} onClick={() => setMerging(u)}>
                            合并到…
                          </Button>
                        )}
                      </Space>
                    </Col>
                  )}
                </Row>
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2 }}
                  items={[
                    { key: 'code', label: '区划代码', children: <span className="mono">{u.code}</span> },
                    { key: 'level', label: '层级', children: orgLevelLabels[u.level] },
                    { key: 'name', label: '名称', children: u.name, span: 2 },
                    { key: 'address', label: '地址', children: u.address || '—', span: 2 },
                    { key: 'phone', label: '联系电话', children: u.phone || '—' },
                    { key: 'headName', label: '负责人', children: u.headName || '—' },
                    { key: 'officeHours', label: '办公时间', children: u.officeHours || '—', span: 2 },
                    { key: 'childCount', label: '下级单位', children: `${u.childCount} 个` },
                    {
                      key: 'datasetYear',
                      label: '区划数据年份',
                      children: u.datasetYear ? `${u.datasetYear} 年` : '—',
                    },
                  ]}
                />
              </div>
              {childLevel && (
                <div className="panel">
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    下级{orgLevelLabels[childLevel]}
                  </Typography.Title>
                  <Table<OrgUnitDto>
                    rowKey="id"
                    size="small"
                    columns={childColumns}
                    dataSource={children.data?.items ?? []}
                    loading={children.isFetching}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: '暂无下级单位' }}
                  />
                  {children.data && children.data.total > children.data.items.length && (
                    <Typography.Text type="secondary">
                      共 {children.data.total} 个，仅列出前 {children.data.items.length} 个。
                    </Typography.Text>
                  )}
                </div>
              )}
            </Space>
          )}
        </Col>
      </Row>
      <OrgUnitFormDrawer target={formTarget} onClose={() => setFormTarget(null)} onSaved={(x) => void afterWrite(x)} />
      <MoveOrgUnitModal unit={moving} onClose={() => setMoving(null)} onDone={(x) => void afterWrite(x)} />
      <MergeOrgUnitModal unit={merging} onClose={() => setMerging(null)} onDone={(x) => void afterWrite(x)} />
    </PageShell>
  );
}
