// Files for upload as base64 JSON: photos are downscaled in the browser (a canvas, at most
// 1600 px on the long side, JPEG quality 0.8) so a phone photo of a certificate becomes a few
// hundred kB before it leaves the phone; PDFs go as they are, up to 3 MB.
export const MAX_UPLOAD_BYTES = 3 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

export type EncodedFile = { name: string; mime: 'image/jpeg' | 'application/pdf'; dataBase64: string; size: number };

export class FileEncodeError extends Error {}

function readAsBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(new FileEncodeError('无法读取文件'));
    r.readAsDataURL(blob);
  });
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new FileEncodeError('无法读取该图片，请换用 JPG 或 PNG 格式'));
    };
    img.src = url;
  });
}

/** Width and height that fit `max` on the long side, keeping the aspect ratio (never enlarged). */
export function fitWithin(width: number, height: number, max = MAX_IMAGE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Downscales an image to a JPEG of at most 1600 px on the long side (never enlarged). */
export async function downscaleImage(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  const img = await loadImage(file);
  const { width, height } = fitWithin(img.naturalWidth, img.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new FileEncodeError('浏览器不支持图片处理');
  // JPEG has no transparency: a transparent PNG becomes white, not black
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new FileEncodeError('图片压缩失败'))), 'image/jpeg', JPEG_QUALITY),
  );
  return { blob, width, height };
}

export type EncodedPhoto = { name: string; mime: 'image/jpeg'; dataBase64: string; size: number; width: number; height: number; previewUrl: string };

/** A photo (downscaled to JPEG, with a preview URL the caller revokes) for the APIs that take photos. */
export async function encodePhoto(file: File, fallbackName = '照片'): Promise<EncodedPhoto> {
  if (!file.type.startsWith('image/')) throw new FileEncodeError('请选择照片（JPG、PNG 等图片）');
  const { blob, width, height } = await downscaleImage(file);
  if (blob.size > MAX_UPLOAD_BYTES) throw new FileEncodeError('照片压缩后仍超过 3 MB，请换一张');
  const base = file.name.replace(/\.[^.]*$/, '') || fallbackName;
  return { name: `${base}.jpg`, mime: 'image/jpeg', dataBase64: await readAsBase64(blob), size: blob.size, width, height, previewUrl: URL.createObjectURL(blob) };
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '') || '图片';
  return `${base}.jpg`;
}

/** An image (downscaled to JPEG) or a PDF, ready for the documents API. */
export async function encodeForUpload(file: File): Promise<EncodedFile> {
  const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (isPdf) {
    if (file.size > MAX_UPLOAD_BYTES) throw new FileEncodeError('PDF 文件不能超过 3 MB');
    return { name: file.name, mime: 'application/pdf', dataBase64: await readAsBase64(file), size: file.size };
  }
  if (!file.type.startsWith('image/')) throw new FileEncodeError('只能上传图片或 PDF 文件');
  const { blob } = await downscaleImage(file);
  if (blob.size > MAX_UPLOAD_BYTES) throw new FileEncodeError('图片压缩后仍超过 3 MB');
  return { name: jpegName(file.name), mime: 'image/jpeg', dataBase64: await readAsBase64(blob), size: blob.size };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
