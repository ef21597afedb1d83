import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AuthenticationError, type HubUser } from '../../../src-server/index.js';
import type { Clock } from '../clock.js';
import type { Role } from './roles.js';

const issuer = 'hubdeck';

/** What a token says about its bearer. */
export interface TokenClaims {
  /** The peer id (the token's id too, so revoking the peer revokes the token). */
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Signs and checks the host's bearer tokens (HS256 JWTs). The key is made on first use and kept
 * in the data directory, readable by its owner only, so tokens survive restarts and never need
 * to leave the machine that issued them. Changing the key ends every token it signed.
 */
export class TokenIssuer {
  private key: Uint8Array;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.file = join(dataDir, 'token-key');
    if (!existsSync(this.file)) writeFileSync(this.file, randomBytes(32).toString('base64'), { mode: 0o600 });
    this.key = Buffer.from(readFileSync(this.file, 'utf8'), 'base64');
  }

  /** Replaces the signing key, on disk first so a restart cannot bring the old one back; every token signed so far stops working. */
  rotateKey(): void {
    const key = randomBytes(32);
    writeFileSync(this.file, key.toString('base64'), { mode: 0o600 });
    this.key = key;
  }

  async sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ name: claims.name, role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setSubject(claims.sub)
      .setIssuedAt(Math.floor(this.clock.now() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt / 1000))
      .sign(this.key);
  }

  /** The user a token stands for; forged, expired or malformed tokens are refused with a reason. */
  async verify(token: string): Promise<HubUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer, algorithms: ['HS256'], currentDate: new Date(this.clock.now()) });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || typeof payload.name !== 'string' || (role !== 'viewer' && role !== 'operator' && role !== 'owner')) {
        throw new AuthenticationError('The token does not say who its bearer is.');
      }
      return { id: payload.sub, name: payload.name, roles: [role], ...(payload.exp ? { expiresAt: payload.exp * 1000 } : {}) };
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('The token has expired; join again with a new code.');
      throw new AuthenticationError('The token is not valid for this host.');
    }
  }
}
