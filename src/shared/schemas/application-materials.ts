// Files of an application's materials checklist (issue 13: "uploads allowed, encrypted as other
// documents"): a scan or photo against one material of the checklist, by its index.
import { z } from '../zod-setup';
import { idSchema } from './common';

/** The largest file taken (after the browser's downscaling of photos). */
export const MATERIAL_FILE_MAX_BYTES = 3 * 1024 * 1024;

export const materialFileUpload = z.object({
  name: z.string({ message: '请填写文件名' }).trim().min(1, '请填写文件名').max(120, '文件名最多 120 个字'),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], { message: '只能上传 JPG、PNG、WEBP 图片或 PDF' }),
  /** base64 of the (browser-downscaled) file, at most 3 MB */
  dataBase64: z.string({ message: '请选择文件' }).min(1, '请选择文件').max(4_200_000, '文件不能超过 3 MB').regex(/^[A-Za-z0-9+/=]+$/, '文件编码不正确'),
});
export type MaterialFileUpload = z.infer<typeof materialFileUpload>;

export const materialParams = z.object({ id: idSchema, index: z.coerce.number({ message: '材料序号不正确' }).int('材料序号不正确').min(0, '材料序号不正确').max(39, '材料序号不正确') });
export const materialFileParams = z.object({ id: idSchema, fileId: idSchema });

export const materialFileDto = z.object({
  id: z.string(),
  materialIndex: z.number().int(),
  materialName: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type MaterialFileDto = z.infer<typeof materialFileDto>;

export const materialFilesDto = z.object({
  /** whether files may still be added or removed (before the decision) */
  open: z.boolean(),
  items: z.array(materialFileDto),
});
export type MaterialFilesDto = z.infer<typeof materialFilesDto>;
