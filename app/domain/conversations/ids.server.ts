/** Row ids made in the app (the write path inserts rows with its own SQL, not through Prisma). */
import { randomBytes } from "node:crypto";

const FINGERPRINT = randomBytes(2).readUInt16BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = randomBytes(2).readUInt16BE(0);

/** A collision-resistant id in the shape of Prisma's `cuid()` (c + time + counter + host + random). */
export function newCuid(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const random = (randomBytes(6).readUIntBE(0, 6) % 2_821_109_907_456).toString(36).padStart(8, "0"); // 36^8
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${FINGERPRINT}${random}`;
}

/** The columns of a conversation the rules read. */
