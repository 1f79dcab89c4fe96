// The providers around the app: antd (Chinese locale, theme, old-WebView-safe styles),
// TanStack Query and the router.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StyleProvider, legacyLogicalPropertiesTransformer } from '@ant-design/cssinjs';
import { queryClient, setErrorSink } from './api/query-client';
import { router } from './router';

const theme = {
  token: {
    colorPrimary: '#1f4e8c',
    colorLink: '#1f4e8c',
    borderRadius: 6,
    // the palette derived from a dark blue is greyish: set the selected/active tints
    colorPrimaryBg: '#e8eff8',
    colorPrimaryBgHover: '#d6e3f3',
    controlItemBgActive: '#e8eff8',
    controlItemBgActiveHover: '#d6e3f3',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 12px', bodyBg: '#f3f5f8', siderBg: '#ffffff' },
  },
};

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
  const themed = useMemo(() => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }), [reducedMotion]);
  return (
    // Old WebViews (Chrome < 88/89) know neither :where() nor logical properties.
    <StyleProvider hashPriority="high" transformers={[legacyLogicalPropertiesTransformer]}>
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
