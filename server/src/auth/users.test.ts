// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { isCommonPassword } from './passwords.ts';
import { NewPassword, UserStore } from './users.ts';

describe('password rules', () => {
  const problems = (password: string) => {
    const parsed = NewPassword.safeParse(password);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it('refuses the most common passwords whatever their case, with a clear message', () => {
    for (const p of ['password', 'PASSWORD', 'Password1', 'qwertyuiop', '12345678', ' iloveyou ']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(problems(p), p).toEqual([
        'is one of the most common passwords; choose one that is harder to guess',
      ]);
    }
    expect(problems('correct horse battery')).toEqual([]);
    expect(problems('dora-password')).toEqual([]);
  });

  it('says "too short" once, and only that, for a short password', () => {
    expect(problems('short')).toEqual(['must be at least 8 characters']);
  });

  it('refuses the username as password when creating a user or resetting a password', async () => {
    const users = new UserStore(openMemoryDatabase());
    const refusal = users.create('warehouse1', 'Warehouse1', 'clerk');
    await expect(refusal).rejects.toBeInstanceOf(ApiError);
    await expect(refusal).rejects.toMatchObject({
      status: 400,
      message: 'password: must not be the same as the username',
      fields: [{ path: 'password', message: 'must not be the same as the username' }],
    });
    expect(users.get('warehouse1')).toBeUndefined();
    expect(await users.create('warehouse1', 'pallet-jack-42', 'clerk')).toMatchObject({
      username: 'warehouse1',
    });
    await expect(users.update('warehouse1', { password: 'WAREHOUSE1' })).rejects.toMatchObject({
      status: 400,
    });
  });
});
