// 受理回执: the A4 receipt handed to the applicant — the 办件编号 and the query code (fetched when
// the page opens; the server audits it), the materials received and told missing, the steps with
// their units and time limits, and where to query the progress without an account.
import { Link, useParams } from 'react-router';
import { Alert, Button, Result, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { applicationSourceLabels } from '../../../shared/schemas/applications';
import { useApplicationReceipt } from '../../api/applications';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';

export function ApplicationReceiptPage() {
  const { id } = useParams();
  const q = useApplicationReceipt(id);
  const r = q.data;
  if (q.isPending) return <Spin />;
  if (q.isError || !r) return <Result status="404" title="未找到该办件" subTitle={isApiError(q.error) ? q.error.message : undefined} extra={<Link to="/applications">返回办件列表</Link>} />;
  const queryUrl = `${window.location.origin}${r.queryPath}`;
  return (
    <PageShell
      title="受理回执"
      subtitle={`${r.applicantName} · ${r.itemName}`}
      className="app-receipt-page"
      extra={
        <>
          <Link to={`/applications/${r.id}`}>
            <Button>返回办件</Button>
          </Link>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </>
      }
    >
      {!r.queryCode && <Alert className="no-print" type="info" showIcon style={{ marginBottom: 12 }} title="该办件受理时尚无查询码，申请人可到受理单位查询进度" />}
      <div className="app-receipt" data-testid="application-receipt">
        <h1>政策服务事项受理回执</h1>
        <table className="app-receipt-table">
          <tbody>
            <tr>
              <th>办件编号</th>
              <td className="mono" data-testid="receipt-no">
                {r.registrationNo ?? '—'}
              </td>
              <th>查询码</th>
              <td className="mono app-receipt-code" data-testid="receipt-code">
                {r.queryCode ?? '—'}
              </td>
            </tr>
            <tr>
              <th>申请人</th>
              <td>{r.applicantName}</td>
              <th>受理日期</th>
              <td>{r.openedOn}</td>
            </tr>
            <tr>
              <th>申请事项</th>
              <td colSpan={3}>{r.itemName}</td>
            </tr>
            <tr>
              <th>受理单位</th>
              <td>{r.unitName}</td>
              <th>受理方式</th>
              <td>{applicationSourceLabels[r.source]}</td>
            </tr>
          </tbody>
        </table>
        <h2>材料清单</h2>
        <ol className="app-receipt-list">
          {r.materials.map((m) => (
            <li key={m.name}>
              {m.received ? '☑' : '☐'} {m.name}
              {m.received ? '（已收）' : m.required ? '（缺，请补正）' : '（视情提供）'}
            </li>
          ))}
        </ol>
        {r.missingTold.length > 0 && <p className="app-receipt-missing">一次性告知：请补齐 {r.missingTold.join('、')} 后再办理。</p>}
        <h2>办理环节</h2>
        <ol className="app-receipt-list">
          {r.steps.map((s, i) => (
            <li key={i}>
              {s.label}（{s.unitName}
              {s.days !== null ? `，${s.days} 个${s.dayKind === 'working' ? '工作日' : '自然日'}` : ''}）
            </li>
          ))}
          {r.noticeRequired && <li>公示（公示期满无异议后决定）</li>}
          <li>审批决定（{r.decider || '县级退役军人事务部门'}）{r.resultDocument ? `，出具${r.resultDocument}` : ''}</li>
        </ol>
        <h2>进度查询</h2>
        <p>
          凭本回执的办件编号和查询码，不用登录即可在“退役军人服务中心（站）公开信息”网站的“办件查询”页面（{queryUrl}）查看办理进度。查询码请妥善保管，不要告诉他人。
        </p>
        <div className="app-receipt-sign">
          {r.unitName}（盖章）
          <br />
          {r.openedOn}
        </div>
      </div>
    </PageShell>
  );
}
