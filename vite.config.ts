// Vite config of the web app (src/web). The production server serves dist/web statically
// with an SPA fallback for every non-/api path.
// vite-plugin-pwa writes the web app manifest and builds our own service worker (src/web/sw.ts,
// injectManifest: the caching rules are ours and explicit) with the list of built assets to
// precache; pwa.ts registers it (no inline script: the CSP is `script-src 'self'`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * `virtual:antd-static.css` (imported first by main.tsx): antd's component styles made at build time
 * (scripts/antd-static-style.ts, in a process of its own under NODE_ENV=production), so that the
 * browser does not generate them on every page load. The development server serves it empty: its
 * development build names its hash classes differently and generates its styles as before.
 */
function antdStaticStyle(): Plugin {
  const id = 'virtual:antd-static.css';
  const resolved = `\0${id}`;
  let command: 'build' | 'serve' = 'build';
  let css: string | undefined;
  return {
    name: 'rj-antd-static-style',
    configResolved(config) {
      command = config.command;
    },
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) return undefined;
      if (command !== 'build') return '';
      const tsx = fileURLToPath(new URL('./node_modules/tsx/dist/cli.mjs', import.meta.url));
      const script = fileURLToPath(new URL('./scripts/antd-static-style.ts', import.meta.url));
      css ??= execFileSync(process.execPath, [tsx, script], { env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
      return css;
    },
  };
}

/**
 * Each built text file of at least 1 KiB beside its brotli (.br) and gzip (.gz) copies, which the server
 * sends to a browser that accepts them (@fastify/static preCompressed, app.ts): the signed-in home page
 * is ~2.7 MB of scripts and styles as built, ~0.54 MB in brotli — what a phone on a mobile network
 * downloads the first time (its service worker keeps them after that). The service worker itself is
 * left as it is: it is written by another plugin at the same step, and is 2.5 KB.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'rj-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|webmanifest|json)$/.test(file) || path.basename(file) === 'sw.js') continue;
        const bytes = fs.readFileSync(file);
        if (bytes.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [
    antdStaticStyle(),
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: [],
      manifest: {
        name: '戎家 · 退役军人服务工作平台',
        short_name: '戎家',
        description: '基层退役军人服务中心（站）工作平台：走访、应访名单、服务对象，没有网络时也能登记走访',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f3f5f8',
        theme_color: '#b71c1c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        // (the manifest and its icons are added by the plugin itself)
        globPatterns: ['**/*.{js,css,html,woff2}', 'icons/apple-touch-icon.png'],
        // the app's main chunk is about 2 MB (antd, echarts)
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // WeChat's WebViews on phones a few years old.
    target: 'chrome87',
    cssTarget: 'chrome87',
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](?!(echarts|zrender|lunar-typescript|libphonenumber-js|exceljs|qrcode|chinese-days|pinyin-pro)[\\/])/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
