// 满意度调查 on the veteran's phone (issue 16): /public/surveys/:token, opened from a letter's QR
// code, a link, or 我的. No login: the token is the credential. The page shows the questionnaire,
// the running unit and the closing day; after the answer (once) a thank-you; a used or closed
// invitation says so. Nothing of the person or of staff is shown (the server sends none).
import { Link, useParams } from 'react-router';
import { Alert, App, Result, Skeleton } from 'antd';
import { useAnswerSurvey, usePublicSurvey } from '../../api/surveys';
import { isApiError } from '../../api/client';
import { usePageTitle } from '../../components/page-shell';
import { SurveyAnswerForm } from '../../components/survey-answer-form';
import '../surveys/surveys.css';
import './petition-public.css';

export function SurveyAnswerPage() {
  usePageTitle('满意度调查');
  const { token } = useParams();
  const q = usePublicSurvey(token);
  const answer = useAnswerSurvey(token ?? '');
  const { message } = App.useApp();
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="未找到该调查邀请" description="请核对邀请函上的二维码或链接；如有疑问请联系当地退役军人服务站。" />;
  const s = q.data;
  const back = (
    <Link to="/public/me" className="survey-back">
      返回我的
    </Link>
  );
  if (s.state === 'answered') return <Result status="success" title="感谢您的评价" subTitle="您的答卷已提交。每份邀请只能答复一次，提交后不能修改。" extra={back} />;
  if (s.state === 'closed') return <Result status="info" title="本次调查已结束" subTitle={`${s.title}（截止 ${s.closesOn}）已不再接收答卷，感谢您的关注。`} extra={back} />;
  return (
    <div className="survey-public">
      <div className="pp-title">{s.title}</div>
      <p className="pp-hint">
        {s.orgUnitName} · 请于 {s.closesOn} 前作答
      </p>
      {s.intro && <p className="survey-intro">{s.intro}</p>}
      <SurveyAnswerForm
        questions={s.questions}
        submitting={answer.isPending}
        submitLabel="提交评价"
        onSubmit={async (answers) => {
          try {
            await answer.mutateAsync({ answers });
          } catch (e) {
            void message.error(isApiError(e) ? e.message : '提交失败，请稍后重试');
            if (isApiError(e) && e.status === 409) void q.refetch();
          }
        }}
      />
    </div>
  );
}
