// The veteran's openings on a phone (issue 15): 为我匹配的岗位 (the open openings of their own line,
// best first, with the match reasons and what they said) and one opening (pay, place, requirements,
// the publishing unit; 我有意向 / 撤回意向, and the stage once the station has put them forward).
// No employer contacts and no staff names: the server sends none.
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert, App, Button, Empty, Skeleton, Tag } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { employerKindLabels, recommendationStatusLabels, type PublicOpeningDto } from '../../../shared/schemas/employment';
import { industryLabels, skillLabels, workTimeLabels } from '../../../shared/rules/job-matching';
import { useJobInterest, useMyJob, useMyJobs } from '../../api/employment';
import { usePublicMe } from '../../api/public-accounts';
import { isApiError } from '../../api/client';
import { usePageTitle } from '../../components/page-shell';
import { PublicAccountBar } from './public-account-login-page';
import './petition-public.css';
import './service-catalog.css';

const enc = encodeURIComponent;

function useSignedIn() {
  const me = usePublicMe();
  const location = useLocation();
  return { pending: me.isPending, redirect: !me.isPending && !me.data ? `/public/account/login?next=${enc(location.pathname)}` : null };
}

function StateTag({ o }: { o: PublicOpeningDto }) {
  if (o.recommendation) return <Tag color={o.recommendation === 'hired' ? 'green' : o.recommendation === 'declined' ? 'default' : 'blue'}>{`服务站推荐：${recommendationStatusLabels[o.recommendation]}`}</Tag>;
  if (o.interestedOn) return <Tag color="blue">已表示意向</Tag>;
  return <Tag color={o.score >= 80 ? 'green' : o.score >= 60 ? 'gold' : 'default'}>匹配度 {o.score}</Tag>;
}

/** 为我匹配的岗位: /public/jobs */
export function MyJobsPage() {
  usePageTitle('为我匹配的岗位');
  const auth = useSignedIn();
  const q = useMyJobs(!auth.pending && !auth.redirect);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={q.error.message} />;
  const d = q.data;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">为我匹配的岗位</div>
      {!d.linked ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="岗位匹配面向已登记的退役军人" description="您的账号尚未关联退役军人档案：请到户籍或居住所在地的村（社区）服务站采集信息、核对手机号码。" />
      ) : (
        <>
          <p className="pp-hint">
            按您登记的技能、意向行业、工作地和期望薪酬排序，仅列出面向您所在地区、在有效期内的岗位。
            {!d.hasIntention && ' 您尚未登记求职意向和技能，可请服务站工作人员帮您登记，匹配会更准确。'}
          </p>
          {d.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无面向您所在地区的有效岗位" />
          ) : (
            d.items.map((o) => (
              <Link key={o.id} to={`/public/jobs/${enc(o.id)}`} className="public-block my-item" data-testid="my-job">
                <div className="pp-card-head">
                  <div className="pp-card-title">{o.position}</div>
                  <RightOutlined style={{ color: '#a0a8b8', fontSize: 12, marginTop: 5 }} />
                </div>
                <div className="pp-card-line">
                  <StateTag o={o} />
                  {o.employerName}
                </div>
                <div className="pp-card-line">
                  {o.placeName} · {o.payMin}–{o.payMax} 元/月 · {workTimeLabels[o.workTime]}
                </div>
                <div className="job-reasons">{o.reasons.join(' · ')}</div>
              </Link>
            ))
          )}
          {d.total > d.items.length && <p className="pp-hint">另有 {d.total - d.items.length} 个匹配度较低的岗位未列出。</p>}
        </>
      )}
      <Link to="/public/me">
        <Button block>返回我的</Button>
      </Link>
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="info-row">
      <div className="info-label">{label}</div>
      <div className="info-value">{children}</div>
    </div>
  );
}

/** One opening: /public/jobs/:id */
export function MyJobPage() {
  usePageTitle('岗位详情');
  const { id } = useParams();
  const auth = useSignedIn();
  const q = useMyJob(id, !auth.pending && !auth.redirect);
  const interest = useJobInterest(id ?? '');
  const { message } = App.useApp();
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="未找到该岗位，或已不在有效期内" description={<Link to="/public/jobs">返回岗位列表</Link>} />;
  const o = q.data;
  async function say(interested: boolean) {
    try {
      await interest.mutateAsync(interested);
      void message.success(interested ? '已表示意向，服务站工作人员会与您联系' : '已撤回意向');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '操作失败，请稍后重试');
    }
  }
  const recommended = !!o.recommendation && o.recommendation !== 'declined';
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">{o.position}</div>
      <div className="public-block" data-testid="job-detail">
        <div className="pp-card-head">
          <div className="pp-card-title">{o.employerName}</div>
          <StateTag o={o} />
        </div>
        <Row label="单位类型">
          {employerKindLabels[o.employerKind]}
          {o.employerVeteranFounded && <Tag style={{ marginLeft: 6 }}>退役军人创办</Tag>}
        </Row>
        <Row label="月薪">{`${o.payMin}–${o.payMax} 元`}</Row>
        <Row label="工作地点">{o.placeName}</Row>
        <Row label="全职/兼职">{workTimeLabels[o.workTime]}</Row>
        <Row label="行业">{industryLabels[o.industry]}</Row>
        <Row label="技能要求">{o.skills.map((s) => skillLabels[s]).join('、') || '不限'}</Row>
        <Row label="招聘人数">{o.headcount} 人</Row>
        <Row label="有效期">{`${o.validFrom} 至 ${o.validTo}`}</Row>
        {o.veteransPreferred && <Row label="说明">退役军人优先</Row>}
        {o.description && <Row label="岗位说明">{o.description}</Row>}
        <Row label="发布单位">{o.orgUnitName}</Row>
      </div>
      <div className="public-section-title">与您的匹配</div>
      <div className="public-block job-reasons-block" data-testid="job-reasons">
        {o.reasons.map((r) => (
          <div key={r}>{r}</div>
        ))}
      </div>
      <div className="public-block">
        {recommended ? (
          <Alert type="success" showIcon title={`服务站已推荐您到该岗位（${recommendationStatusLabels[o.recommendation!]}）`} description="如有变化请与服务站联系。" />
        ) : o.interestedOn ? (
          <>
            <div className="my-next" data-testid="job-interested">
              <CheckCircleOutlined /> 您已于 {o.interestedOn} 表示意向，服务站工作人员会与您联系。
            </div>
            <Button block style={{ marginTop: 8 }} loading={interest.isPending} onClick={() => void say(false)}>
              撤回意向
            </Button>
          </>
        ) : (
          <>
            <p className="pp-hint" style={{ marginTop: 0 }}>
              表示意向后，所在服务站工作人员会与您联系，核实情况后向用人单位推荐。
            </p>
            <Button type="primary" size="large" block loading={interest.isPending} onClick={() => void say(true)} data-testid="job-interest">
              我有意向
            </Button>
          </>
        )}
      </div>
      <Link to="/public/jobs">
        <Button block>返回岗位列表</Button>
      </Link>
    </>
  );
}
