import { randomInt } from 'node:crypto';
import type { JoinCode } from '../../../contracts/generated/dashboard-hub.types.js';
import type { Role } from './roles.js';
import { isoTime } from '../clock.js';

// No 0/O, 1/I/L: codes are read aloud and typed by hand. 31 symbols × 10 ≈ 49.5 bits.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const length = 10;

/** Normalizes what a person typed: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Short single-use codes that expire, each standing for a role. */
export class JoinCodes {
  private readonly codes = new Map<string, { role: Role; expiresAt: number }>();

  create(role: Role, minutes: number, now: number): JoinCode {
    let raw = '';
    for (let i = 0; i < length; i++) raw += alphabet[randomInt(alphabet.length)];
    const expiresAt = now + minutes * 60_000;
    this.codes.set(raw, { role, expiresAt });
    return { code: `${raw.slice(0, 5)}-${raw.slice(5)}`, role, expiresAt: isoTime(expiresAt) };
  }

  /** A code's role without using it up; undefined when it is unknown, used or expired. */
  peek(code: string, now: number): Role | undefined {
    const entry = this.codes.get(normalizeCode(code));
    return entry && entry.expiresAt > now ? entry.role : undefined;
  }

  /** Uses up a code: its role, or undefined when it is unknown, used or expired. */
  redeem(code: string, now: number): Role | undefined {
    const key = normalizeCode(code);
    const entry = this.codes.get(key);
    this.codes.delete(key);
    return entry && entry.expiresAt > now ? entry.role : undefined;
  }

  /** Codes not yet used or expired. */
  pending(now: number): JoinCode[] {
    const out: JoinCode[] = [];
    for (const [raw, entry] of this.codes) {
      if (entry.expiresAt <= now) this.codes.delete(raw);
      else out.push({ code: `${raw.slice(0, 5)}-${raw.slice(5)}`, role: entry.role, expiresAt: isoTime(entry.expiresAt) });
    }
    return out;
  }

  clear(): void {
    this.codes.clear();
  }
}
