// The idle warning of a signed-in page: the server ends a staff session after the security policy's
// idle timeout (auth.realm.ts) and says on every answer how long is left (api/idle-clock.ts). A
// minute before (half the timeout when that is shorter) a dialog counts down with 继续工作, which
// makes one ordinary request (GET /api/me: the server records it, as the warning comes after its
// refresh interval of min(60 s, timeout / 4)). When the time is up the page asks the server once,
// in the background; a 401 goes to the sign-in page, which says why and brings the user back here.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Button, Modal, Typography } from 'antd';
import type { MeDto } from '../../shared/schemas/auth';
import { api, get, isApiError } from '../api/client';
import { idleDeadline, idleMillisLeft, subscribeIdleDeadline } from '../api/idle-clock';
import { meKey, queryClient, sessionEnded } from '../api/query-client';

/** How long before the end the warning shows: a minute, or half a timeout shorter than two minutes. */
export function warningLeadMillis(idleTimeoutSeconds: number): number {
  return Math.min(60, idleTimeoutSeconds / 2) * 1000;
}

/** Asks the server without counting as activity; the answer's header moves the deadline. */
async function checkInBackground(): Promise<'alive' | 'ended' | 'unreachable'> {
  try {
    await api<MeDto>('/api/me', { background: true });
    return 'alive';
  } catch (e) {
    if (isApiError(e) && e.status === 401) return sessionEnded(e) ? 'ended' : 'alive';
    return 'unreachable';
  }
}

export function IdleWarning({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }) {
  const deadline = useSyncExternalStore(subscribeIdleDeadline, idleDeadline);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [keeping, setKeeping] = useState(false);
  const lastCheck = useRef(-Infinity);
  const lead = warningLeadMillis(idleTimeoutSeconds);

  useEffect(() => {
    if (deadline === null) {
      setSecondsLeft(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const later = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(tick, Math.max(ms, 0));
    };
    const ask = () => {
      lastCheck.current = performance.now();
      void checkInBackground().then((r) => {
        // alive: the answer set a new deadline and this effect runs again; offline: the page
        // stays usable (drafts, the outbox) and asks again, the sign-in page comes with the signal
        if (r === 'unreachable' && !stopped) {
          setSecondsLeft(null);
          later(30_000);
        }
      });
    };
    function tick() {
      const ms = idleMillisLeft();
      if (ms === null || stopped) return;
      // the end: ask the server (at most once a second: it may still say 0 s left)
      if (ms <= 0) return performance.now() - lastCheck.current < 1000 ? later(1000) : ask();
      if (ms > lead) {
        setSecondsLeft(null);
        return later(ms - lead);
      }
      // entering the last minute: another tab of the same session may have been in use meanwhile
      if (performance.now() - lastCheck.current > lead) return ask();
      setSecondsLeft(Math.ceil(ms / 1000));
      later(Math.min(1000, ms));
    }
    // timers of a hidden tab (a phone in a pocket) are slowed down: look again when it is shown
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [deadline, lead]);

  async function keepWorking(): Promise<void> {
    setKeeping(true);
    try {
      queryClient.setQueryData(meKey, await get<MeDto>('/api/me'));
    } catch (e) {
      if (isApiError(e) && e.status === 401) sessionEnded(e);
    } finally {
      setKeeping(false);
    }
  }

  return (
    <Modal
      open={secondsLeft !== null}
      title="即将自动退出登录"
      closable={false}
      maskClosable={false}
      keyboard={false}
      width={360}
      footer={
        <Button type="primary" block loading={keeping} onClick={() => void keepWorking()} data-testid="idle-keep-working">
          继续工作
        </Button>
      }
    >
      <div data-testid="idle-warning">
        <Typography.Paragraph>
          您已较长时间未操作，为保护服务对象的个人信息，<strong>{secondsLeft ?? 0}</strong> 秒后将自动退出登录。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          退出后重新登录即回到本页；走访记录、信息采集等表单的草稿保留在本机。
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}
