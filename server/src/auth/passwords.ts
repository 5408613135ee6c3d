import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto, no native add-on). Parameters follow OWASP's
 * recommendation (N=2^17, r=8, p=1: 128 MiB and a few hundred ms per hash) and are stored
 * in the hash so they can be raised later without invalidating existing passwords.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const STRONG_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below the strong setting.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string, params: ScryptParams = STRONG_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** True when the password matches; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A fixed salt for checks that have no stored hash to compare with (unknown or inactive users). */
const DUMMY_SALT = randomBytes(SALT_LENGTH);

/**
 * Spends the same time as checking a real password (one scrypt derivation at the strong
 * setting), for unknown or inactive users, so that response times do not reveal which
 * usernames exist. Run it through the same PasswordQueue as real checks.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  await derive(password, DUMMY_SALT, STRONG_PARAMS);
  return false;
}

/**
 * Some of the most used passwords (public breach lists) of at least 8 characters, plus this
 * app's own name; shorter ones are refused by length already. Compared ignoring case and
 * surrounding spaces: guessing tools try these first, whatever the capitalisation.
 */
const COMMON_PASSWORDS = new Set(
  [
    'password password1 password12 password123 password1234 password01 password! passw0rd',
    'passw0rd1 p@ssw0rd p@ssword pa$$word passwort motdepasse 12345678 123456789 1234567890',
    '0123456789 987654321 87654321 11111111 111111111 1111111111 00000000 88888888 12341234',
    '11223344 12121212 123123123 123456789a a123456789 1234qwer qwer1234 qwe12345 qwertyui',
    'qwertyuiop qwerty123 qwerty12 qwerty1234 1qaz2wsx 1qazxsw2 12qwaszx 1q2w3e4r 1q2w3e4r5t',
    'q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 zaq12wsx zaq1zaq1 123qweasd qweasdzxc asdfghjkl asdfasdf',
    'asdf1234 zxcvbnm1 zxcvbnm123 abcd1234 abcd12345 1234abcd abc12345 abcdefgh a1b2c3d4 aa123456',
    'iloveyou iloveyou1 sunshine sunshine1 princess princess1 football football1 baseball',
    'baseball1 basketball superman superman1 starwars whatever trustno1 letmein1 letmein123',
    'welcome1 welcome123 admin123 admin1234 administrator changeme changeme1 computer internet',
    'michelle jennifer jordan23 charlie1 monkey123 dragon123 secret123 test1234 testtest guest123',
    'login123 hello123 liverpool minecraft blink182 stockroom stockroom1 inventory inventory1',
  ]
    .join(' ')
    .split(' '),
);

/** True for a password on the common-passwords list (case and surrounding spaces ignored). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.normalize('NFKC').trim().toLowerCase());
}
