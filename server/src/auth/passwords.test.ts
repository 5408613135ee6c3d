// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hashPassword, STRONG_PARAMS, verifyPassword } from './passwords.ts';

// Cheap parameters keep the suite fast; one test checks the strong defaults for real.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('stores its parameters, and uses strong ones by default', async () => {
    const hash = await hashPassword('strong default');
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(STRONG_PARAMS.N), '8', '1']);
    expect(STRONG_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(await verifyPassword('strong default', hash)).toBe(true);
  });

  it('never contains the password', async () => {
    const hash = await hashPassword('visible-secret', FAST);
    expect(hash).not.toContain('visible-secret');
  });

  it('refuses damaged or foreign hashes instead of throwing', async () => {
    const hash = await hashPassword('pw-123456', FAST);
    const parts = hash.split('$');
    expect(await verifyPassword('pw-123456', 'plain-text')).toBe(false);
    expect(await verifyPassword('pw-123456', `bcrypt$${parts.slice(1).join('$')}`)).toBe(false);
    expect(await verifyPassword('pw-123456', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(false);
    expect(await verifyPassword('pw-123456', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'))).toBe(
      false,
    );
  });
});
