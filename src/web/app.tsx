// The providers around the app: antd (Chinese locale, theme, old-WebView-safe styles),
// TanStack Query and the router.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StyleProvider } from '@ant-design/cssinjs';
import { queryClient, setErrorSink } from './api/query-client';
import { router } from './router';
import { appTheme, styleOptions } from './theme';

/**
 * Whether the user asked their system for less motion (an accessibility setting; also a relief on a
 * cheap phone): then antd runs without animations — modals, drawers and messages appear at once.
 */
const reducedMotionQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      reducedMotionQuery?.addEventListener?.('change', changed);
      return () => reducedMotionQuery?.removeEventListener?.('change', changed);
    },
    () => reducedMotionQuery?.matches ?? false,
  );
}

/** Connects the app-wide error policy of the query client to antd's message and the router. */
function ErrorSinkBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    setErrorSink({
      notify: (text) => void message.error(text),
      navigate: (path) => void router.navigate(path, { replace: true }),
      currentPath: () => router.state.location.pathname + router.state.location.search,
    });
  }, [message]);
  return null;
}

export function App() {
  const reducedMotion = useReducedMotion();
  const themed = useMemo(() => ({ ...appTheme, token: { ...appTheme.token, motion: !reducedMotion } }), [reducedMotion]);
  return (
    // (theme.ts: old WebViews know neither :where() nor logical properties)
    <StyleProvider {...styleOptions}>
      <ConfigProvider locale={zhCN} theme={themed}>
        <AntApp>
          <ErrorSinkBridge />
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
