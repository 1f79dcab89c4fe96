// 便民服务卡 (§44) of one unit: its name, address, office hours, its public phone and the listed
// staff's phones (as on its public page), its service supervisors' phones, and a QR code to its
// public page. Two sizes: a card (85.6 × 54 mm, ID-1) and an A4 sheet; each prints on its own
// page size (@page), without the public header.
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Segmented, Skeleton } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { serviceUnitFullName } from '../../../shared/rules/unit-names';
import { usePublicUnit } from '../../api/public';
import { usePublicPortal } from '../../api/portal';
import { PUBLIC_TITLE } from './public-layout';
import './portal.css';

type Size = 'card' | 'a4';

function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then(
      (u) => live && setUrl(u),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}

export function ContactCardPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const size: Size = params.get('size') === 'a4' ? 'a4' : 'card';
  const unit = usePublicUnit(id);
  const portal = usePublicPortal(id);
  const pageUrl = `${window.location.origin}/public/units/${encodeURIComponent(id)}`;
  const qr = useQrDataUrl(pageUrl);
  useEffect(() => {
    document.title = `便民服务卡 · ${unit.data?.name ?? ''} · ${PUBLIC_TITLE}`;
  }, [unit.data]);

  if (unit.isPending || portal.isPending) return <Skeleton active />;
  const u = unit.data;
  if (!u) return <Alert type="error" showIcon title="未找到该服务中心（站）" description={<Link to="/public">返回查找</Link>} />;
  const supervisors = portal.data?.supervisors ?? [];
  const fullName = serviceUnitFullName(u.level, u.name);
  const phones = [...(u.phone ? [{ name: '服务电话', title: '', phone: u.phone }] : []), ...u.staff.filter((s) => s.workPhone).map((s) => ({ name: s.displayName, title: s.title, phone: s.workPhone }))];
  const qrImg = qr ? <img className="cc-qr" src={qr} alt="本站公开页面二维码" data-testid="contact-qr" /> : null;

  return (
    <>
      <style>{size === 'card' ? '@page { size: 85.6mm 54mm; margin: 0; }' : '@page { size: A4; margin: 0; }'}</style>
      <div className="cc-toolbar">
        <Segmented<Size>
          value={size}
          onChange={(v) => setParams(v === 'a4' ? { size: 'a4' } : {}, { replace: true })}
          options={[
            { value: 'card', label: '卡片（85.6×54 毫米）' },
            { value: 'a4', label: 'A4 张贴' },
          ]}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <Link to={`/public/units/${encodeURIComponent(id)}`}>
          <Button>返回</Button>
        </Link>
      </div>
      <div className="cc-scroll">
        {size === 'card' ? (
          <div className="cc-sheet cc-card" data-testid="contact-card">
            <div className="cc-main">
              <div className="cc-name">{fullName}</div>
              {u.address && <div className="cc-line">地址：{u.address}</div>}
              {u.officeHours && <div className="cc-line">办公：{u.officeHours}</div>}
              {phones.slice(0, 4).map((p, i) => (
                <div className="cc-line" key={`p${i}`}>
                  {p.name}：{p.phone}
                </div>
              ))}
              {supervisors.slice(0, 2).map((s, i) => (
                <div className="cc-line" key={`s${i}`}>
                  监督员 {s.name}：{s.phone}
                </div>
              ))}
            </div>
            <div className="cc-side">
              {qrImg}
              <div>扫码查看服务</div>
              <div>提意见</div>
            </div>
          </div>
        ) : (
          <div className="cc-sheet cc-a4" data-testid="contact-card">
            <div className="cc-name">{fullName}</div>
            <div className="cc-sub">便民服务卡</div>
            <div>地址：{u.address || '未公布'}</div>
            <div>办公时间：{u.officeHours || '未公布'}</div>
            {u.headName && <div>负责人：{u.headName}</div>}
            <table>
              <thead>
                <tr>
                  <th colSpan={3}>工作人员联系电话</th>
                </tr>
              </thead>
              <tbody>
                {phones.length === 0 ? (
                  <tr>
                    <td colSpan={3}>未公布</td>
                  </tr>
                ) : (
                  phones.map((p, i) => (
                    <tr key={i}>
                      <td>{p.name}</td>
                      <td>{p.title}</td>
                      <td>{p.phone}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
            {supervisors.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th colSpan={3}>服务监督员</th>
                  </tr>
                </thead>
                <tbody>
                  {supervisors.map((s, i) => (
                    <tr key={i}>
                      <td>{s.name}</td>
                      <td>{s.affiliation}</td>
                      <td>{s.phone}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="cc-qr-box">
              {qrImg}
              <div>扫码查看本站服务、提意见、查询答复</div>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
