// The one check of an uploaded scan or photo (application materials, evidence, case files, reply
// attachments): not empty, at most MATERIAL_FILE_MAX_BYTES, and content that matches its declared
// type (magic bytes), each refusal a Chinese 400.
import { MATERIAL_FILE_MAX_BYTES, type MaterialFileUpload } from '../../shared/schemas/application-materials';
import { badRequest } from './errors';

export function uploadBytes(f: MaterialFileUpload, path = 'dataBase64'): Buffer {
  const bytes = Buffer.from(f.dataBase64, 'base64');
  if (bytes.length === 0) throw badRequest('文件不能为空', [{ path, message: '文件为空' }]);
  if (bytes.length > MATERIAL_FILE_MAX_BYTES) throw badRequest('文件不能超过 3 MB', [{ path, message: '超过 3 MB' }]);
  const magic = bytes.subarray(0, 4).toString('hex');
  const ok = {
    'image/jpeg': magic.startsWith('ffd8'),
    'image/png': magic === '89504e47',
    'image/webp': bytes.subarray(0, 4).toString() === 'RIFF' && bytes.subarray(8, 12).toString() === 'WEBP',
    'application/pdf': bytes.subarray(0, 4).toString() === '%PDF',
  }[f.mime];
  if (!ok) throw badRequest('文件内容与类型不符', [{ path: path === 'dataBase64' ? 'mime' : path, message: '文件内容与类型不符' }]);
  return bytes;
}
