// Opening what a browser sealed to the server (shared/schemas/sealed.ts, platform/crypto.ts
// openSealed). An envelope grants nothing: it opens only for the signed-in user who sealed it and
// for the purpose it was sealed for; the caller then runs the ordinary path with that user's own
// session, scope and permissions.
import { sealedPayload, type SealedPurpose } from '../../shared/schemas/sealed';
import type { AuthContext } from './auth';
import type { FieldCrypto } from './crypto';
import { AppError, badRequest } from './errors';

export function openSealedFor(crypto: FieldCrypto, auth: AuthContext, envelope: string, purpose: SealedPurpose): unknown {
  const kid = envelope.split('.')[1];
  if (kid && kid !== crypto.sealingKey.kid)
    throw new AppError(400, 'SEALED_KEY_CHANGED', '离线记录是用已更换的系统密钥加密的，无法读取，请重新填写');
  let plain: Buffer;
  try {
    plain = crypto.openSealed(envelope);
  } catch {
    throw badRequest('离线记录已损坏或不是本系统生成的，无法读取');
  }
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw badRequest('离线记录内容不正确');
  }
  const payload = sealedPayload.safeParse(json);
  if (!payload.success) throw badRequest('离线记录内容不正确');
  // another user's envelope (copied off a phone, or replayed): as if it did not exist
  if (payload.data.userId !== auth.userId) throw new AppError(404, 'NOT_FOUND', '未找到该离线记录：它不是您本人保存的，只能由保存它的用户登录后发送');
  if (payload.data.purpose !== purpose) throw badRequest('离线记录的用途不符');
  return payload.data.body;
}
