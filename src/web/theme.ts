// The app's antd theme and style options: used by the app (app.tsx) and by the build, which renders
// every antd component's styles with them into a CSS file ahead of time (scripts/antd-static-style.ts).
// A change here changes both; they must match for the prepared styles to be used.
import { legacyLogicalPropertiesTransformer } from '@ant-design/cssinjs';
import type { ThemeConfig } from 'antd';

export const appTheme = {
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
} satisfies ThemeConfig;

/**
 * antd's StyleProvider options: old WebViews (Chrome < 88/89) know neither :where() nor logical
 * properties, so the hash class is part of each selector and logical properties are written out.
 */
export const styleOptions = { hashPriority: 'high' as const, transformers: [legacyLogicalPropertiesTransformer] };
