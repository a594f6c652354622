// The token format "dp_<id>_<secret>" (id: 12 hex digits; secret: 32 random bytes, base64url):
// minting, parsing, and checking a secret against its stored SHA-256 in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'dp_';
const TOKEN = /^dp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface MintedToken { tokenId: string; secret: string; token: string }

export function mintToken(): MintedToken {
  const tokenId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, secret, token: `${TOKEN_PREFIX}${tokenId}_${secret}` };
}

/** The parts of a well-formed token, or null for anything else. */
export function parseToken(token: string): { tokenId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { tokenId: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares digests, not secrets, so the time taken says nothing about how much matched. */
export function secretMatches(secret: string, storedSha256: string): boolean {
  const stored = Buffer.from(storedSha256, 'hex');
  const given = createHash('sha256').update(secret, 'utf8').digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}
