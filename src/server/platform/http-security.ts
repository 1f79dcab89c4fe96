// The HTTP edge: security headers (helmet's, computed once), writes from other sites refused by their
// Origin, and Fastify's own errors (bad URL, over-long path parameter, client errors) in the
// Chinese { error, message } shape every other error has.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Socket } from 'node:net';
import type { Config } from '../config';

/**
 * CSP the built web app passes: scripts and everything else from this origin only; inline styles
 * are allowed because antd (cssinjs) injects <style> tags and style attributes at run time; images
 * may be data: (TOTP QR code) or blob: (photo previews); no framing by anyone.
 */
export function cspDirectives(config: Pick<Config, 'cookieSecure'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    // plain-HTTP intranets must keep working: upgrade only where the site is served over TLS
    ...(config.cookieSecure && { 'upgrade-insecure-requests': [] }),
  };
}

function helmetOptions(config: Config): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only behind TLS (COOKIE_SECURE=1): on plain HTTP it would lock browsers out
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers helmet sets for these options. Nothing in them depends on the request (no nonce,
 * no directive computed per request), so they are taken from helmet once and set as they are on
 * every answer: helmet's own middleware rebuilt the CSP string on each request, a fortieth of a
 * signed-in list page's CPU (issue 11 profile).
 */
export function securityHeaders(config: Config): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  let done = false;
  helmet(helmetOptions(config))({} as never, res as never, () => void (done = true));
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers = securityHeaders(config);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether an Origin header names this site (the Host the request came to) or a configured origin. */
export function originAllowed(origin: string, host: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) and anything unreadable
  }
}

/** Writes carrying a foreign Origin are refused before anything else runs; no Origin (curl, the CLI) is fine. */
export function refuseForeignWrites(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origin === undefined || !writes.has(req.method)) return;
    if (originAllowed(origin, req.host, config.allowedOrigins)) return;
    return reply.status(403).send({ error: 'FOREIGN_ORIGIN', message: '拒绝来自其他网站的请求' });
  });
}

const frameworkMessages: Record<string, string> = {
  FST_ERR_BAD_URL: '请求地址格式不正确',
  FST_ERR_MAX_PARAM_LENGTH: '请求地址过长',
  FST_ERR_ASYNC_CONSTRAINT: '请求有误',
};

/**
 * Fastify's `frameworkErrors`: the router's own refusals, in Chinese. They answer before any hook
 * runs, so the security headers are set here from the same options.
 */
export function frameworkErrorsFor(config: Config) {
  const headers = securityHeaders(config);
  return (err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void => {
    void reply.headers(headers);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    void reply.status(status).send({ error: err.code.replace(/^FST_ERR_/, ''), message: frameworkMessages[err.code] ?? '请求有误' });
  };
}

/** Fastify's `clientErrorHandler`: a request Node could not parse (headers too large, bad framing). */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const [status, text, body] = tooLarge
    ? [431, 'Request Header Fields Too Large', { error: 'HEADERS_TOO_LARGE', message: '请求头过大' }]
    : [400, 'Bad Request', { error: 'BAD_REQUEST', message: '请求格式不正确' }];
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
