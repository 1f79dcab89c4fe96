// 打印邀请函: each unanswered invitation of the caller's range with its QR code and address, to print
// on letters and result notices (the browser's print; the menu and buttons are not printed). The
// token in the address is the person's credential: the list is fetched once, audited, and not kept.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import QRCode from 'qrcode';
import { Alert, Button, Empty, Skeleton, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useLetters } from '../../api/surveys';
import { PageShell } from '../../components/page-shell';

function Qr({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then((d) => live && setSrc(d));
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img src={src} alt="作答二维码" /> : <div style={{ width: 120, height: 120 }} />;
}

export function LettersPage() {
  const { id } = useParams();
  const q = useLetters(id);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const d = q.data;
  return (
    <PageShell
      title="满意度调查邀请函"
      subtitle={`${d.runTitle} · 未答复 ${d.items.length} 份`}
      extra={
        <Space className="survey-noprint">
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      {d.items.length === 0 ? (
        <Empty description="本辖区的邀请均已答复" />
      ) : (
        <div className="survey-letters">
          {d.items.map((l) => {
            const url = `${window.location.origin}${l.path}`;
            return (
              <div key={l.invitationId} className="survey-letter" data-testid="survey-letter">
                <Qr url={url} />
                <div>
                  <div>
                    <strong>{l.name}</strong> 您好：
                  </div>
                  <div>
                    {d.orgUnitName}邀请您对我们的服务进行评价（{d.questionnaireTitle}），请于 {d.closesOn} 前用手机扫描二维码作答，约需两分钟。
                  </div>
                  <div className="survey-letter-url">{url}</div>
                </div>
              </div>
            );
          })}
        </div>
      )}
    </PageShell>
  );
}
