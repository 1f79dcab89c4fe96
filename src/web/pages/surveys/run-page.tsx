// One survey run: where it stands (invited, answered, response rate, satisfaction), the results per
// child unit, per service and per question (counted over the caller's range), the invitations with
// 电话回访 (a staff member records the answers given on the phone), the letters to print, and 结束调查.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Modal, Popconfirm, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import { answerViaLabels, sampleModeLabels, surveySourceLabels, type InvitationDto, type SurveyResultRow, type SurveyRunDetail } from '../../../shared/schemas/surveys';
import { surveyApi, surveyKeys, useCloseRun, useInvitation, usePhoneAnswer, useSurveyRun } from '../../api/surveys';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { SurveyAnswerForm } from '../../components/survey-answer-form';
import { pct } from './runs-page';

function ResultTable({ title, rows }: { title: string; rows: SurveyResultRow[] }) {
  return (
    <Card size="small" title={title}>
      <Table<SurveyResultRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'label', title: title === '按服务' ? '服务' : '单位', dataIndex: 'label' },
          { key: 'ans', title: '答复/邀请', render: (_v, r) => `${r.answered}/${r.invited}` },
          { key: 'rate', title: '答复率', render: (_v, r) => pct(r.responseRate) },
          { key: 'sat', title: '满意度', render: (_v, r) => pct(r.satisfaction) },
        ]}
      />
    </Card>
  );
}

function Questions({ run }: { run: SurveyRunDetail }) {
  return (
    <Card size="small" title="按题目" style={{ marginBottom: 12 }}>
      {run.questions.map((q, i) => {
        const total = q.counts.reduce((a, b) => a + b, 0);
        return (
          <div key={q.questionId} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {i + 1}. {q.text}
            </Typography.Text>
            {q.average !== null && <Tag style={{ marginLeft: 8 }}>平均 {q.average} 分</Tag>}
            {q.kind === 'text' ? (
              <div className="muted">{q.texts} 人填写了意见（答卷原文见各邀请）</div>
            ) : (
              q.labels.map((l, k) => (
                <div key={l} className="survey-bar">
                  <span className="survey-bar-label">{l}</span>
                  <span className="survey-bar-track">
                    <span className="survey-bar-fill" style={{ display: 'block', width: `${total ? (q.counts[k] / total) * 100 : 0}%` }} />
                  </span>
                  <span>{q.counts[k]}</span>
                </div>
              ))
            )}
          </div>
        );
      })}
    </Card>
  );
}

function PhoneDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const d = useInvitation(id);
  const answer = usePhoneAnswer(id);
  const { message } = App.useApp();
  return (
    <Modal open title="电话回访：代为录入答卷" onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {d.isPending ? (
        <Skeleton active />
      ) : d.isError ? (
        <Alert type="error" showIcon title={d.error.message} />
      ) : (
        <>
          <p>
            {d.data.name}（{d.data.orgUnitName}）· {d.data.questionnaire.title}。请按对方口述逐题录入，提交后不能修改，记为“电话回访”。
          </p>
          <SurveyAnswerForm
            questions={d.data.questionnaire.questions}
            submitting={answer.isPending}
            submitLabel="提交答卷"
            onSubmit={async (answers) => {
              try {
                await answer.mutateAsync({ answers });
                void message.success('已录入答卷');
                onClose();
              } catch (e) {
                void message.error(isApiError(e) ? e.message : '提交失败，请稍后重试');
              }
            }}
          />
        </>
      )}
    </Modal>
  );
}

function Invitations({ run }: { run: SurveyRunDetail }) {
  const canWrite = useCan('surveys:write');
  const [answered, setAnswered] = useState<'false' | 'true' | 'all'>('false');
  const [page, setPage] = useState(1);
  const [calling, setCalling] = useState<string | null>(null);
  const params = { page, pageSize: 20, ...(answered === 'all' ? {} : { answered }) };
  const q = useQuery({ queryKey: [...surveyKeys.invitations(run.id), params], queryFn: ({ signal }) => surveyApi.invitations(run.id)(params, signal) });
  return (
    <Card size="small" title="邀请名单" extra={<Segmented size="small" value={answered} onChange={(v) => { setAnswered(v as typeof answered); setPage(1); }} options={[{ value: 'false', label: '未答复' }, { value: 'true', label: '已答复' }, { value: 'all', label: '全部' }]} />}>
      <Table<InvitationDto>
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'name', title: '姓名', render: (_v, i) => <Link to={`/recipients/${i.recipientId}`}>{i.name}</Link> },
          { key: 'unit', title: '所在单位', dataIndex: 'orgUnitName', responsive: ['sm'] },
          { key: 'src', title: '服务', responsive: ['md'], render: (_v, i) => i.sources.map((s) => surveySourceLabels[s]).join('、') },
          {
            key: 'state',
            title: '答复',
            render: (_v, i) =>
              i.answeredAt ? (
                <Tag color="green">{i.answeredVia ? answerViaLabels[i.answeredVia] : '已答复'} {i.answeredAt.slice(0, 10)}</Tag>
              ) : canWrite && !run.closed ? (
                <Button size="small" icon={<PhoneOutlined />} onClick={() => setCalling(i.id)}>
                  电话回访
                </Button>
              ) : (
                <Tag>未答复</Tag>
              ),
          },
        ]}
      />
      {calling && <PhoneDialog id={calling} onClose={() => setCalling(null)} />}
    </Card>
  );
}

export function RunPage() {
  const { id } = useParams();
  const q = useSurveyRun(id);
  const close = useCloseRun(id ?? '');
  const canWrite = useCan('surveys:write');
  const { message } = App.useApp();
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="未找到该调查" />;
  const r = q.data;
  return (
    <PageShell
      title={r.title}
      subtitle={`${r.orgUnitName} · ${r.periodLabel} · ${r.closed ? '已结束' : `截止 ${r.closesOn}`}`}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/surveys/runs/${encodeURIComponent(r.id)}/export`} download data-testid="survey-export">
            导出结果
          </Button>
          {canWrite && !r.closed && (
            <Link to={`/surveys/runs/${r.id}/letters`}>
              <Button icon={<PrinterOutlined />}>打印邀请函</Button>
            </Link>
          )}
          {r.canEdit && !r.closed && (
            <Popconfirm title="结束后不再接收答卷，确定结束？" onConfirm={async () => {
              try {
                await close.mutateAsync(r.version);
                void message.success('调查已结束');
              } catch (e) {
                void message.error(isApiError(e) ? e.message : '操作失败');
              }
            }}>
              <Button danger>结束调查</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label="问卷">{r.questionnaireTitle}</Descriptions.Item>
          <Descriptions.Item label="服务来源">{r.sources.map((s) => surveySourceLabels[s]).join('、')}</Descriptions.Item>
          <Descriptions.Item label="发放方式">
            {sampleModeLabels[r.sampleMode]}
            {r.sampleMode === 'size' ? ` ${r.sampleValue} 人` : r.sampleMode === 'rate' ? ` ${r.sampleValue}%` : ''}（服务对象 {r.served} 人）
          </Descriptions.Item>
          <Descriptions.Item label="答复/邀请">
            {r.answered}/{r.invited}（答复率 {pct(r.responseRate)}）
          </Descriptions.Item>
          <Descriptions.Item label="满意度">
            <Typography.Text strong>{pct(r.satisfaction)}</Typography.Text>（满意 {r.satisfied} / 评分 {r.ratings} 项）
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <div className="survey-results">
        <ResultTable title="按单位" rows={r.byUnit} />
        <ResultTable title="按服务" rows={r.bySource} />
      </div>
      <Questions run={r} />
      <Invitations run={r} />
    </PageShell>
  );
}
