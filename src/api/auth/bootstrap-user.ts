import { createHash, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * The bootstrap user (AUTH_USERNAME / AUTH_PASSWORD). The password is hashed with argon2id (the library's
 * default algorithm; 19 MiB, 2 passes) when the server starts, in the background so start-up does not wait,
 * and the plain text is not kept. A login checks the name in constant time and always runs the argon2
 * verification, for a wrong name too, so the response time does not reveal which part was wrong.
 */
export class BootstrapUser {
  private readonly usernameDigest: Buffer;
  private readonly passwordHash: Promise<string>;

  constructor(username: string, password: string) {
    this.usernameDigest = digest(username);
    this.passwordHash = hash(password);
    // A rejected hash is reported by verify(); this only keeps the rejection from being "unhandled".
    this.passwordHash.catch(() => undefined);
  }

  /** The PHC string of the stored hash (`$argon2id$v=19$m=19456,t=2,p=1$...`). */
  storedHash(): Promise<string> {
    return this.passwordHash;
  }

  async verify(username: string, password: string): Promise<boolean> {
    const nameMatches = timingSafeEqual(digest(username), this.usernameDigest);
    const passwordMatches = await verify(await this.passwordHash, password);
    return nameMatches && passwordMatches;
  }
}

/** SHA-256 of the text: equal-length buffers, so timingSafeEqual never sees different lengths. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
