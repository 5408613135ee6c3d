// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromZod } from '../result.ts';
import { Movement, MovementRequest } from './movement.ts';

const errors = (result: ReturnType<typeof fromZod>) => (result.ok ? [] : result.fields);
const base = { sku: 'BOLT', location: 'A-01' };
const stamp = { id: 'm1', user: 'ann', device: 'phone', at: '2024-05-01T10:00:00.000Z' };

describe('MovementRequest', () => {
  it('accepts each of the four types', () => {
    expect(
      MovementRequest.parse({ type: 'receive', ...base, quantity: 10, lot: 'L1', reference: 'PO-7' }),
    ).toEqual({ type: 'receive', ...base, quantity: 10, lot: 'L1', reference: 'PO-7' });
    expect(
      MovementRequest.safeParse({ type: 'issue', ...base, quantity: 2.5, reference: 'WO-1' }).success,
    ).toBe(true);
    expect(
      MovementRequest.safeParse({ type: 'transfer', ...base, toLocation: 'B-02', quantity: 1 }).success,
    ).toBe(true);
    expect(
      MovementRequest.safeParse({ type: 'adjust', ...base, quantity: -3, reason: 'damaged in storage' })
        .success,
    ).toBe(true);
  });

  it('trims the lot, reason and reference', () => {
    const parsed = MovementRequest.parse({
      type: 'adjust',
      ...base,
      quantity: 1,
      lot: ' L1 ',
      reason: ' found ',
      reference: ' CC-1 ',
    });
    expect(parsed).toMatchObject({ lot: 'L1', reason: 'found', reference: 'CC-1' });
  });

  it('refuses an unknown or missing type with one message', () => {
    for (const body of [
      { ...base, quantity: 1 },
      { type: 'steal', ...base, quantity: 1 },
    ]) {
      expect(errors(fromZod(MovementRequest.safeParse(body)))).toEqual([
        { path: 'type', message: 'must be one of receive, issue, transfer, adjust' },
      ]);
    }
  });

  it('requires a positive quantity for receive, issue and transfer', () => {
    for (const type of ['receive', 'issue'] as const) {
      for (const quantity of [0, -1]) {
        expect(errors(fromZod(MovementRequest.safeParse({ type, ...base, quantity })))).toEqual([
          { path: 'quantity', message: 'must be greater than 0' },
        ]);
      }
    }
    expect(
      errors(
        fromZod(MovementRequest.safeParse({ type: 'transfer', ...base, toLocation: 'B', quantity: -2 })),
      ),
    ).toEqual([{ path: 'quantity', message: 'must be greater than 0' }]);
  });

  it('requires a number, finite and within range', () => {
    for (const quantity of ['3', null, Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      expect(errors(fromZod(MovementRequest.safeParse({ type: 'receive', ...base, quantity })))).toEqual([
        { path: 'quantity', message: 'must be a number' },
      ]);
    }
    expect(errors(fromZod(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 2e9 })))).toEqual([
      { path: 'quantity', message: 'must be at most 1,000,000,000' },
    ]);
  });

  it('limits quantities to 4 decimal places', () => {
    expect(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 0.0001 }).success).toBe(true);
    expect(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 123456789.1234 }).success).toBe(
      true,
    );
    expect(
      errors(fromZod(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 0.00001 }))),
    ).toEqual([{ path: 'quantity', message: 'at most 4 decimal places' }]);
    expect(errors(fromZod(MovementRequest.safeParse({ type: 'issue', ...base, quantity: 1.23456 })))).toEqual(
      [{ path: 'quantity', message: 'at most 4 decimal places' }],
    );
  });

  it('requires a reason for an adjustment', () => {
    expect(errors(fromZod(MovementRequest.safeParse({ type: 'adjust', ...base, quantity: 1 })))).toEqual([
      { path: 'reason', message: 'is required for an adjustment' },
    ]);
    expect(
      errors(fromZod(MovementRequest.safeParse({ type: 'adjust', ...base, quantity: 1, reason: '  ' }))),
    ).toEqual([{ path: 'reason', message: 'is required for an adjustment' }]);
  });

  it('takes a signed, non-zero quantity for an adjustment', () => {
    expect(MovementRequest.parse({ type: 'adjust', ...base, quantity: -0.5, reason: 'spill' }).quantity).toBe(
      -0.5,
    );
    expect(
      errors(fromZod(MovementRequest.safeParse({ type: 'adjust', ...base, quantity: 0, reason: 'nothing' }))),
    ).toEqual([{ path: 'quantity', message: 'must not be 0' }]);
  });

  it('requires a different destination for a transfer', () => {
    expect(errors(fromZod(MovementRequest.safeParse({ type: 'transfer', ...base, quantity: 1 })))).toEqual([
      { path: 'toLocation', message: 'is required' },
    ]);
    expect(
      errors(
        fromZod(MovementRequest.safeParse({ type: 'transfer', ...base, toLocation: 'A-01', quantity: 1 })),
      ),
    ).toEqual([{ path: 'toLocation', message: 'must differ from the source location' }]);
  });

  it('checks the item and location codes, lot and reference', () => {
    expect(
      errors(
        fromZod(
          MovementRequest.safeParse({
            type: 'receive',
            sku: '',
            location: 'no space',
            quantity: 1,
            lot: ' ',
            reference: 'x'.repeat(201),
          }),
        ),
      ).map((f) => f.path),
    ).toEqual(['sku', 'location', 'lot', 'reference']);
  });

  it('never throws on garbage', () => {
    for (const body of [null, undefined, 1, 'receive', [], { type: 1 }, { type: 'receive', sku: {} }]) {
      expect(MovementRequest.safeParse(body).success).toBe(false);
    }
  });
});

describe('Movement (a ledger entry)', () => {
  it('is a request stamped with id, user, device and time', () => {
    expect(Movement.safeParse({ type: 'receive', ...base, quantity: 1, ...stamp }).success).toBe(true);
    expect(
      errors(fromZod(Movement.safeParse({ type: 'receive', ...base, quantity: 1 }))).map((f) => f.path),
    ).toEqual(['id', 'user', 'device', 'at']);
    expect(Movement.safeParse({ type: 'receive', ...base, quantity: 1, ...stamp, at: 'now' }).success).toBe(
      false,
    );
    expect(Movement.safeParse({ type: 'receive', ...base, quantity: 1, ...stamp, id: '' }).success).toBe(
      false,
    );
  });

  it('keeps the rules of the request', () => {
    expect(Movement.safeParse({ type: 'adjust', ...base, quantity: 1, ...stamp }).success).toBe(false);
    expect(
      Movement.safeParse({ type: 'transfer', ...base, toLocation: 'A-01', quantity: 1, ...stamp }).success,
    ).toBe(false);
    expect(Movement.safeParse({ type: 'issue', ...base, quantity: -1, ...stamp }).success).toBe(false);
  });
});

describe('reason on other movements', () => {
  it('is optional, but must be text when given', () => {
    expect(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 1 }).success).toBe(true);
    expect(
      errors(fromZod(MovementRequest.safeParse({ type: 'receive', ...base, quantity: 1, reason: 5 }))),
    ).toEqual([{ path: 'reason', message: 'must be text' }]);
  });
});
