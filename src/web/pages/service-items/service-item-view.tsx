// One item as staff read it: the facts, the materials (form, count, note, required) and the
// steps bottom up with their time limits.
import type { ReactNode } from 'react';
import { Descriptions, Steps, Table, Tag } from 'antd';
import { materialFormLabels, serviceItemHandoffLabels, stepLevelLabels, type Material, type ServiceItemDto } from '../../../shared/schemas/service-items';
import { TO_FILL_TEXT, stepLimit } from './service-item-tags';

function orFill(v: string): ReactNode {
  return v ? <span className="pre-wrap">{v}</span> : <Tag color="orange">{TO_FILL_TEXT}</Tag>;
}

export function ServiceItemView({ item }: { item: ServiceItemDto }) {
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="item-facts">
        <Descriptions.Item label="发布单位">{item.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="决定机关">{orFill(item.decider)}</Descriptions.Item>
        <Descriptions.Item label="政策依据" span={2}>
          {orFill(item.policyBasis)}
        </Descriptions.Item>
        <Descriptions.Item label="受理条件" span={2}>
          {orFill(item.eligibility)}
        </Descriptions.Item>
        <Descriptions.Item label="公示">{item.noticeRequired ? (item.noticeDays ? `需公示 ${item.noticeDays} 天` : <Tag color="orange">需公示，天数{TO_FILL_TEXT}</Tag>) : '不需公示'}</Descriptions.Item>
        <Descriptions.Item label="收费标准">{item.fee || '不收费'}</Descriptions.Item>
        <Descriptions.Item label="办理结果">{orFill(item.resultDocument)}</Descriptions.Item>
        <Descriptions.Item label="办理时限说明">{item.timeLimitNote || <span className="muted">—</span>}</Descriptions.Item>
        {item.handoff && (
          <Descriptions.Item label="转办" span={2}>
            {serviceItemHandoffLabels[item.handoff]}
          </Descriptions.Item>
        )}
      </Descriptions>
      <h3 className="item-h3">办理环节（自下而上）</h3>
      <Steps
        direction="vertical"
        className="item-steps"
        size="small"
        current={-1}
        items={item.steps.map((s) => ({
          title: s.label,
          description: (
            <span>
              {stepLevelLabels[s.level]} · 时限：{s.days === null ? <Tag color="orange">{TO_FILL_TEXT}</Tag> : stepLimit(s)}
            </span>
          ),
        }))}
      />
      <h3 className="item-h3">所需材料（{item.materials.length} 项）</h3>
      <Table<Material>
        size="small"
        rowKey={(_m, i) => String(i)}
        pagination={false}
        dataSource={item.materials}
        locale={{ emptyText: '无需提交材料' }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'i', title: '序号', width: 56, render: (_v, _m, i) => i + 1 },
          { key: 'name', title: '材料名称', render: (_v, m) => <span>{m.name}{!m.required && <Tag style={{ marginLeft: 6 }}>视情提供</Tag>}</span> },
          { key: 'form', title: '形式', render: (_v, m) => materialFormLabels[m.form] },
          { key: 'count', title: '份数', dataIndex: 'count' },
          { key: 'note', title: '说明', dataIndex: 'note' },
        ]}
      />
    </>
  );
}
