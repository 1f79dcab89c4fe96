// The photo of a hung plaque, downscaled in the browser before upload (components/file-encode),
// so a phone's 5 MB picture leaves the phone as a few hundred kB.
import type { PlaquePhoto } from '../../../shared/schemas/glory-plaques';
import { encodePhoto, type EncodedPhoto } from '../../components/file-encode';

export type PreparedPhoto = PlaquePhoto & Omit<EncodedPhoto, 'mime'>;

/** Downscales an image file to a JPEG of at most 1600 px on the long side, ready for the API. */
export function preparePhoto(file: File): Promise<PreparedPhoto> {
  return encodePhoto(file, '悬挂照片');
}
