// POST /api/imports/recipients: the workbook as the raw request body (up to IMPORT_MAX_BYTES),
// answered as NDJSON while it runs: {"type":"progress","rows":N} every PROGRESS_EVERY rows, then
// one {"type":"done",…} or {"type":"failed",…} line (shared/schemas/ledgers.ts importEvent).
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IMPORT_MAX_BYTES, NDJSON_MIME, XLSX_MIME, type ImportEvent } from '../../../shared/schemas/ledgers';
import { clientIp, requireAuth } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { importWorkbook } from './imports.service';

/** The request body of an upload: the raw stream, out of reach of the generic body checks that walk objects. */
class Upload {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ACCEPTED = new Set([XLSX_MIME, 'application/octet-stream']);

/** The first bytes of the upload, and the rest to follow. */
async function peek(stream: Readable): Promise<{ head: Buffer; rest: AsyncIterable<Uint8Array> }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < ZIP_MAGIC.length) {
    const next = await it.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, rest: { [Symbol.asyncIterator]: rest } };
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // this plugin's routes only: any body arrives as a stream (read as the import goes)
  app.addContentTypeParser('*', (_req, payload, done) => done(null, new Upload(payload as unknown as Readable)));

  app.post(
    '/api/imports/recipients',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags: ['服务对象', '台账'],
        summary: '从 Excel 导入服务对象（请求体为 .xlsx 文件；以 NDJSON 逐行返回进度与结果；有任何一行错误则全部不导入）',
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const type = (req.headers['content-type'] ?? XLSX_MIME).split(';')[0].trim().toLowerCase();
      if (!(req.body instanceof Upload) || !ACCEPTED.has(type)) throw new AppError(415, 'UNSUPPORTED_TYPE', '请上传 Excel 工作簿（.xlsx）');
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > IMPORT_MAX_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', `文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
      const { head, rest } = await peek(req.body.stream);
      if (!head.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError(400, 'BAD_WORKBOOK', '文件不是 Excel 工作簿（.xlsx）：请用导入模板填写后上传，不支持 .xls 和 .csv');

      const out = new PassThrough();
      const line = (e: ImportEvent) => out.write(JSON.stringify(e) + '\n');
      const aborted = new AbortController();
      // the client went away before the answer was complete: stop and roll back
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) aborted.abort();
      });
      importWorkbook(ctx, auth, rest, (rows) => line({ type: 'progress', rows }), { signal: aborted.signal, ip: clientIp(req) })
        .then((result) => line(result))
        .catch((e: unknown) => {
          if (e instanceof AppError && e.statusCode < 500) {
            line({ type: 'failed', rows: 0, errorCount: 1, errors: [{ row: 0, column: '', message: e.message }] });
          } else {
            req.log.error({ err: e }, 'import failed');
            line({ type: 'failed', rows: 0, errorCount: 1, errors: [{ row: 0, column: '', message: '导入时服务器出错，没有导入任何记录，请稍后重试' }] });
          }
        })
        .finally(() => out.end());
      return reply.type(NDJSON_MIME).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(out);
    },
  );
};
