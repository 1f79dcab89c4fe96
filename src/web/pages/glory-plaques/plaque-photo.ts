// The photo of a hung plaque, downscaled in the browser before upload: a canvas at most 1600 px
// on the long side, JPEG, so a phone's 5 MB picture leaves the phone as a few hundred kB.
import type { PlaquePhoto } from '../../../shared/schemas/glory-plaques';

export const MAX_PHOTO_SIDE = 1600;
const JPEG_QUALITY = 0.82;
/** what the server takes (3 MB of image) */
const MAX_BYTES = 3 * 1024 * 1024;

/** Width and height that fit `max` on the long side, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
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
      reject(new Error('无法读取该图片，请换用 JPG 或 PNG 照片'));
    };
    img.src = url;
  });
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(new Error('无法读取照片'));
    r.readAsDataURL(blob);
  });
}

export type PreparedPhoto = PlaquePhoto & { previewUrl: string; width: number; height: number; size: number };

/** Downscales an image file to a JPEG of at most 1600 px on the long side, ready for the API. */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (!file.type.startsWith('image/')) throw new Error('请选择照片（JPG、PNG 等图片）');
  const img = await loadImage(file);
  const { width, height } = fitWithin(img.naturalWidth, img.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持图片处理');
  ctx.fillStyle = '#fff'; // JPEG has no transparency
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('照片压缩失败'))), 'image/jpeg', JPEG_QUALITY),
  );
  if (blob.size > MAX_BYTES) throw new Error('照片压缩后仍超过 3 MB，请换一张');
  const base = file.name.replace(/\.[^.]*$/, '') || '悬挂照片';
  return {
    name: `${base}.jpg`,
    mime: 'image/jpeg',
    dataBase64: await toBase64(blob),
    previewUrl: URL.createObjectURL(blob),
    width,
    height,
    size: blob.size,
  };
}
