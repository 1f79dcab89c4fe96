// antd's component styles made ahead of time, at build time, for the web app (vite.config.ts).
//
// antd writes its CSS in the browser as components first render (CSS-in-JS): 13–26 % of a page load's
// script time, measured (bench/results/2026-12-07-page-load-session39.md), more on a cheap phone. Here
// every antd component the app uses is rendered once with the app's theme and style options
// (src/web/theme.ts), and the styles it registered are written out as one CSS file together with the
// map of their cache paths (`.data-ant-cssinjs-cache-path{content:"…"}`). In the browser, @ant-design/cssinjs reads that map
// before a component's first style and takes each style listed there as already present in a CSS file
// instead of generating it (its SSR path; util/cacheMapUtil.ts). A style not in the map (another
// theme, a component variant not rendered here, a development build) is generated at run time as
// before: the file can make pages lighter, never unstyled.
//
// Modelled on @ant-design/static-style-extract (MIT), which renders every component export the same
// way; written here so the render runs inside our providers and only the component styles (not the
// theme's token variables, which the app registers itself) are written out.
//
// Run as its own process (`NODE_ENV=production tsx scripts/antd-static-style.ts` prints the CSS), as the
// build runs it (vite.config.ts antdStaticStyle): the hash classes are fixed when @ant-design/cssinjs is
// first loaded (a development build's differ), so NODE_ENV must be production before it is imported.
// The CSS is ~1 MB (~110 KB gzipped), in the app's one stylesheet, kept by a phone for a year (hashed name).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import React from 'react';
import { renderToString } from 'react-dom/server';
import * as antd from 'antd';
import { ConfigProvider } from 'antd';
import { StyleProvider, createCache, extractStyle } from '@ant-design/cssinjs';
import { appTheme, styleOptions } from '../src/web/theme';

const h = React.createElement;
type AnyComponent = React.ComponentType<Record<string, unknown>> & Record<string, unknown>;

/** Components rendered with props or children of their own (the rest are rendered bare), as static-style-extract does. */
const renderOf: Record<string, (C: AnyComponent) => React.ReactNode> = {
  Affix: (C) => h(C, null, h('div')),
  Cascader: (C) => h(React.Fragment, null, h(C), h(C.Panel as AnyComponent)),
  Dropdown: (C) => h(C, { menu: { items: [] } }, h('div')),
  Menu: (C) => h(C, { items: [] }),
  QRCode: (C) => h(C, { value: 'https://example.org' }),
  Tree: (C) => h(C, { treeData: [] }),
  Tag: (C) => h(React.Fragment, null, h(C, { color: 'blue' }, 'Tag'), h(C, { color: 'success' }, 'Tag')),
  Badge: (C) => h(React.Fragment, null, h(C), h(C.Ribbon as AnyComponent)),
  Space: (C) =>
    h(React.Fragment, null, h(C), h(C.Compact as AnyComponent, null, h(antd.Button), h((C as unknown as { Addon: AnyComponent }).Addon ?? 'span', null, '1'))),
  Input: (C) =>
    h(
      React.Fragment,
      null,
      h(C),
      h(C.Group as AnyComponent, null, h(C), h(C)),
      h(C.Search as AnyComponent),
      h(C.TextArea as AnyComponent),
      h(C.Password as AnyComponent),
      h(C.OTP as AnyComponent),
    ),
  Modal: (C) => {
    const Panel = C._InternalPanelDoNotUseOrYouWillBeFired as AnyComponent;
    return h(React.Fragment, null, h(C), h(Panel), h(Panel, { type: 'confirm' }));
  },
  message: (C) => h(C._InternalPanelDoNotUseOrYouWillBeFired as AnyComponent),
  notification: (C) => h(C._InternalPanelDoNotUseOrYouWillBeFired as AnyComponent),
  Layout: (C) =>
    h(C, null, h(C.Header as AnyComponent, null, 'Header'), h(C.Sider as AnyComponent, null, 'Sider'), h(C.Content as AnyComponent, null, 'Content'), h(C.Footer as AnyComponent, null, 'Footer')),
};
/** Exports that are not components to render (ConfigProvider wraps the render; Grid is a hook's namespace). */
const notRendered = new Set(['ConfigProvider', 'Grid']);
/** Components the app uses without importing them: inside the ones it imports (a table's pager and filters, App's messages). */
const usedInside = ['Dropdown', 'Pagination', 'Checkbox', 'Radio', 'Spin', 'Empty', 'Tooltip', 'Popover', 'Divider', 'message', 'notification'];

/**
 * The antd components the web app imports (`import { … } from 'antd'` in src/web), and those they
 * render inside. Only these are prepared: every rule in the stylesheet is weighed on each style
 * recalculation, and all of antd's (~1 MB) made the county's pages no faster than generating
 * their few dozen in the browser. A component missing here is generated at run time, as before.
 */
function usedComponents(): Set<string> {
  const used = new Set(usedInside);
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'antd'/g)) {
          for (const part of m[1].split(',')) {
            const name = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
            if (name) used.add(name);
          }
        }
      }
    }
  };
  walk(fileURLToPath(new URL('../src/web', import.meta.url)));
  return used;
}

/** The CSS of the antd components the app uses, under its theme, with the cache-path map that lets the browser skip generating it. */
function renderCss(): string {
  if (process.env.NODE_ENV !== 'production') throw new Error('antd-static-style: run with NODE_ENV=production (as vite.config.ts runs it)');
  const exports = antd as unknown as Record<string, unknown>;
  const used = usedComponents();
  const names = Object.keys(exports).filter(
    (n) => used.has(n) && !notRendered.has(n) && (typeof exports[n] === 'function' || typeof exports[n] === 'object') && exports[n] !== null && (/^[A-Z]/.test(n) || n === 'message' || n === 'notification'),
  );
  const nodes = names.map((n) => h(React.Fragment, { key: n }, renderOf[n] ? renderOf[n](exports[n] as AnyComponent) : h(exports[n] as AnyComponent)));
  const cache = createCache();
  renderToString(h(StyleProvider, { cache, ...styleOptions }, h(ConfigProvider, { theme: appTheme }, nodes)));
  // component styles only: the theme's token and component variables are registered by the app
  const css = extractStyle(cache, { plain: true, types: ['style'] });
  // legacyLogicalPropertiesTransformer appends !important to a value that had it already (antd's
  // `borderBlock: '0 !important'` of a table's measure cells): a browser drops such a declaration as
  // invalid, and the build's CSS minifier refuses the file; dropped here, as the browser does
  return css.replace(/[a-z-]+:[^;{}]*!important\s*!important;?/g, '');
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && fs.realpathSync(process.argv[1]) === self) process.stdout.write(renderCss());
