/**
 * Equality of two strings of digests (hex), in time that depends only on their length: every
 * character is compared, with no Buffer per side and no call into C++. For a request's signature
 * against the one computed for it, and a visitor token's hash against the stored one. Strings of
 * different lengths are unequal at once (the length of a digest is no secret).
 */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
