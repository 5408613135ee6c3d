// @vitest-environment node
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE, encodeSaved, MESSAGE_SAVED, readSaved, type StateVector } from './protocol.ts';

function decode(bytes: Uint8Array): { type: number; sv: StateVector } {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  return { type, sv: readSaved(decoder) };
}

describe('MESSAGE_SAVED', () => {
  it('round-trips a state vector', () => {
    const sv: StateVector = new Map([
      [1, 0],
      [123456789, 77],
      [2 ** 32 - 1, 2 ** 31],
    ]);
    const { type, sv: back } = decode(encodeSaved(sv));
    expect(type).toBe(MESSAGE_SAVED);
    expect(back).toEqual(sv);
  });

  it('round-trips an empty state vector and a real document state vector', () => {
    expect(decode(encodeSaved(new Map())).sv).toEqual(new Map());
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    expect(decode(encodeSaved(sv)).sv).toEqual(sv);
  });

  it('is not mistaken for a y-websocket message type', () => {
    expect(MESSAGE_SAVED).toBe(100);
    expect(encodeSaved(new Map())[0]).toBe(100);
  });

  it('throws on every truncation of a message rather than reading half of it', () => {
    const bytes = encodeSaved(
      new Map([
        [123456, 77],
        [1, 300],
      ]),
    );
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(() => decode(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow();
    }
  });

  it('refuses an absurd entry count instead of allocating for it', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SAVED);
    encoding.writeVarUint(encoder, 5_000_000);
    expect(() => decode(encoding.toUint8Array(encoder))).toThrow('saved message too long');
  });
});

describe('CLOSE codes', () => {
  it('uses 44xx for permanent refusals and 1001 for going away', () => {
    const { goingAway, ...permanent } = CLOSE;
    expect(goingAway).toBe(1001);
    for (const code of Object.values(permanent)) {
      expect(code).toBeGreaterThanOrEqual(4400);
      expect(code).toBeLessThan(4500);
    }
  });
});
