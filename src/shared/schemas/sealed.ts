// Envelopes sealed in the browser to the server's public key (the offline outbox, drafts written
// while the user's draft key is out of reach). The browser can write them without a signal; only
// the server can open them, and only for the user who sealed them (platform/sealed.ts).
import { z } from '../zod-setup';

export const SEALED_ALGORITHM = 'ECDH-P256+HKDF-SHA256+AES-256-GCM' as const;

export const sealingKeyDto = z.object({
  algorithm: z.literal(SEALED_ALGORITHM),
  /** names the key: an envelope carries it, the server refuses one sealed to another key */
  kid: z.string(),
  /** uncompressed P-256 point (65 bytes), base64url */
  publicKey: z.string(),
});
export type SealingKeyDto = z.infer<typeof sealingKeyDto>;

/** what is sealed for: a visit to record, or a draft to give back to its writer */
export const sealedPurposes = ['visit', 'draft'] as const;
export type SealedPurpose = (typeof sealedPurposes)[number];

/** The sealed plaintext: who sealed it, for what, when, and the request body or draft. */
export const sealedPayload = z.object({
  userId: z.string().min(1),
  purpose: z.enum(sealedPurposes),
  sealedAt: z.string(),
  body: z.unknown(),
});
export type SealedPayload = z.infer<typeof sealedPayload>;

/** `p1.<kid>.<ephemeral key>.<iv>.<ciphertext>`; 20 MB covers a visit with its photos (14 MB) in base64url. */
export const sealedEnvelopeBody = z.object({
  envelope: z
    .string()
    .min(1, '离线记录为空')
    .max(20 * 1024 * 1024, '离线记录过大')
    .regex(/^p1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, '离线记录格式不正确'),
});
export type SealedEnvelopeBody = z.infer<typeof sealedEnvelopeBody>;
export const SEALED_BODY_LIMIT = 21 * 1024 * 1024;

export const openedDraftDto = z.object({ value: z.unknown() });
