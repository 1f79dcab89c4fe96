// The line above every page about the network: data shown from the copy kept for offline use and
// its age ("离线数据，更新于 …"), no signal, or — over plain HTTP — that opening without signal
// needs HTTPS (dismissible; the app otherwise works as before). Outside antd's providers (it is
// mounted beside the app by main.tsx), so plain elements.
import { useState } from 'react';
import { useNetworkState } from '../pwa';
import './network-banner.css';

const HTTPS_NOTICE_SEEN = 'rj-https-notice-seen';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "12月4日 23:50（5 分钟前）" */
export function cachedAgeText(iso: string, now: Date): string {
  const at = new Date(iso);
  const minutes = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 60_000));
  const ago = minutes < 1 ? '刚刚' : minutes < 60 ? `${minutes} 分钟前` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} 小时前` : `${Math.floor(minutes / 1440)} 天前`;
  return `${at.getMonth() + 1}月${at.getDate()}日 ${two(at.getHours())}:${two(at.getMinutes())}（${ago}）`;
}

function seen(): boolean {
  try {
    return localStorage.getItem(HTTPS_NOTICE_SEEN) === '1';
  } catch {
    return false;
  }
}

export function NetworkBanner() {
  const net = useNetworkState();
  const [httpsSeen, setHttpsSeen] = useState(seen);
  if (net.cachedAt)
    return (
      <div className="network-banner network-banner-offline" role="status" data-testid="offline-data">
        离线数据，更新于 {cachedAgeText(net.cachedAt, new Date())}。走访可照常登记，恢复网络后自动发送。
      </div>
    );
  if (!net.online)
    return (
      <div className="network-banner network-banner-offline" role="status" data-testid="network-offline">
        网络未连接：登记的走访存入本机待发送，恢复网络后自动发送。
      </div>
    );
  if (net.support === 'needs-https' && !httpsSeen)
    return (
      <div className="network-banner network-banner-info" role="note" data-testid="needs-https">
        <span>当前通过 HTTP 访问：没有网络时无法打开本系统。需要离线使用，请通过 HTTPS 地址访问。</span>
        <button
          type="button"
          onClick={() => {
            try {
              localStorage.setItem(HTTPS_NOTICE_SEEN, '1');
            } catch {
              // not remembered: shown again next time
            }
            setHttpsSeen(true);
          }}
        >
          知道了
        </button>
      </div>
    );
  return null;
}
