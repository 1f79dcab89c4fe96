// 疑似重复: records of the county that look like the same person (same name and birth date),
// side by side; the reviewer chooses the record that remains and merges the other into it.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Col, Descriptions, Empty, Radio, Row, Skeleton, Tag, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import {
  careCategoryLabels,
  recipientGroupLabels,
  recipientKindLabels,
  type RecipientListItem,
} from '../../../shared/schemas/recipients';
import { useDuplicates, useMergeRecipients } from '../../api/recipients';
import { PageShell } from '../../components/page-shell';
import { RecipientStatusTag, genderLabels } from './recipient-tags';

const reasonLabels = { idNumber: '身份证号相同', nameBirth: '姓名和出生日期相同' } as const;

function Side({ r }: { r: RecipientListItem }) {
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'name', label: '姓名', children: <Link to={`/recipients/${r.id}`}>{r.name}</Link> },
        { key: 'gender', label: '性别', children: `${genderLabels[r.gender]} · ${r.birthDate}（${r.age} 岁）` },
        { key: 'id', label: '身份证号', children: <span className="mono">{r.idNumberMasked}</span> },
        { key: 'phone', label: '电话', children: r.phoneMasked ? <span className="mono">{r.phoneMasked}</span> : '—' },
        { key: 'unit', label: '所属单位', children: r.orgUnitName },
        { key: 'kind', label: '类别', children: `${recipientKindLabels[r.kind]} · ${recipientGroupLabels[r.recipientGroup]}` },
        {
          key: 'care',
          label: '优抚类别',
          children: r.careCategories.length ? r.careCategories.map((c) => careCategoryLabels[c]).join('、') : '—',
        },
        { key: 'status', label: '状态', children: <RecipientStatusTag status={r.status} deceased={r.deceased} /> },
        { key: 'situations', label: '七个状况', children: `已填 ${r.situationsFilled}/7` },
      ]}
    />
  );
}

function pairKey(a: RecipientListItem, b: RecipientListItem): string {
  return `${a.id}:${b.id}`;
}

export function DuplicatesPage() {
  const dups = useDuplicates();
  const merge = useMergeRecipients();
  const { modal, message } = App.useApp();
  const [keep, setKeep] = useState<Record<string, string>>({});

  function confirmMerge(a: RecipientListItem, b: RecipientListItem): void {
    const k = pairKey(a, b);
    const intoId = keep[k];
    if (!intoId) return;
    const into = intoId === a.id ? a : b;
    const from = intoId === a.id ? b : a;
    modal.confirm({
      title: '确认合并这两条记录？',
      content: (
        <>
          <p>
            保留 <strong>{into.name}</strong>（{into.idNumberMasked}，{into.orgUnitName}），将另一条（{from.idNumberMasked}，
            {from.orgUnitName}）并入其中。
          </p>
          <p>被并入记录的历史、材料和办件一并转入保留的记录，被并入的记录不再显示。此操作不能撤销。</p>
        </>
      ),
      okText: '确认合并',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        merge
          .mutateAsync({ fromId: from.id, intoId: into.id })
          .then(() => void message.success(`已合并：保留 ${into.name}（${into.idNumberMasked}）`))
          .catch(() => undefined),
    });
  }

  return (
    <PageShell title="疑似重复" subtitle="同一人被重复录入的记录，核实后合并">
      {dups.isPending ? (
        <Skeleton active />
      ) : dups.isError ? (
        <Empty description="加载失败，请刷新重试" />
      ) : dups.data.items.length === 0 ? (
        <div className="panel">
          <Empty description="没有疑似重复的记录" />
        </div>
      ) : (
        dups.data.items.map(({ a, b, reason }) => {
          const k = pairKey(a, b);
          return (
            <div className="panel duplicate-pair" key={k}>
              <div className="duplicate-head">
                <Tag color="orange">{reasonLabels[reason]}</Tag>
                <Typography.Text type="secondary">选择要保留的记录：</Typography.Text>
              </div>
              <Radio.Group
                value={keep[k]}
                onChange={(e) => setKeep((m) => ({ ...m, [k]: e.target.value as string }))}
                style={{ width: '100%' }}
              >
                <Row gutter={[16, 12]}>
                  {[a, b].map((r) => (
                    <Col xs={24} md={12} key={r.id}>
                      <div className={`duplicate-side${keep[k] === r.id ? ' duplicate-keep' : ''}`}>
                        <Radio value={r.id} className="duplicate-radio">
                          保留这条
                        </Radio>
                        <Side r={r} />
                      </div>
                    </Col>
                  ))}
                </Row>
              </Radio.Group>
              <div className="duplicate-actions">
                <Button
                  danger
                  icon={<MergeCellsOutlined />}
                  disabled={!keep[k]}
                  loading={merge.isPending && merge.variables?.intoId === keep[k]}
                  onClick={() => confirmMerge(a, b)}
                >
                  合并
                </Button>
              </div>
            </div>
          );
        })
      )}
    </PageShell>
  );
}
