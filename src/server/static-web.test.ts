// The built web app as the server sends it: a hashed asset in brotli or gzip when the browser accepts
// it (the build writes .br and .gz beside each file, vite.config.ts precompress), as it is otherwise,
// kept for a year; the page itself for any path of the app, revalidated. The web folder is made
// here, so the test does not depend on a build. Static files do not touch the database: SQLite only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app';

describe('the built web app over HTTP', () => {
  let t: TestApp;
  let webDir: string;
  const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, name: `第${i}行` })))};\n`;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>戎家</title><div id="root"></div>');
    const asset = path.join(webDir, 'assets/app-1a2b3c.js');
    fs.writeFileSync(asset, script);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
    const manifest = path.join(webDir, 'manifest.webmanifest');
    fs.writeFileSync(manifest, JSON.stringify({ name: '戎家', icons: Array.from({ length: 40 }, (_, i) => ({ src: `/icons/${i}.png` })) }));
    fs.writeFileSync(`${manifest}.br`, zlib.brotliCompressSync(fs.readFileSync(manifest)));
    t = await createTestApp('sqlite', { env: { WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) => t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends an asset in brotli to a browser that accepts it, else gzip, else as it is; kept a year', async () => {
    const br = await get('/assets/app-1a2b3c.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('/assets/app-1a2b3c.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    for (const plain of [await get('/assets/app-1a2b3c.js'), await get('/assets/app-1a2b3c.js', 'identity')]) {
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-type']).toMatch(/javascript/);
      expect(plain.body).toBe(script);
    }
  });

  it('answers a path of the app with the page, revalidated on every visit; a missing asset is a 404', async () => {
    for (const url of ['/', '/recipients', '/public/units/x']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const body = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body, url).toContain('<div id="root">');
    }
    // a chunk of an older build that is gone: not the page (a browser would run HTML as a script)
    const missing = await get('/assets/missing-0000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'NOT_FOUND', message: '未找到' });
  });

  it('sends the app manifest as a manifest in brotli too', async () => {
    const res = await get('/manifest.webmanifest', 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString()).name).toBe('戎家');
  });
});
