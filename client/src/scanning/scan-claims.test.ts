import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { claimScans, scansClaimed } from './scan-claims.ts';

describe('scan claims', () => {
  it('hold while any claiming component lives, and end with the last of them', () => {
    expect(scansClaimed()).toBe(false);
    const disposeCount = createRoot((dispose) => {
      claimScans();
      return dispose;
    });
    const disposeCamera = createRoot((dispose) => {
      claimScans();
      return dispose;
    });
    expect(scansClaimed()).toBe(true);
    disposeCount();
    expect(scansClaimed()).toBe(true);
    disposeCamera();
    expect(scansClaimed()).toBe(false);
  });
});
