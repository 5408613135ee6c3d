import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      ROOM_IDLE_MS: 30_000,
      LOG_LEVEL: 'info',
    });
    expect(c.ADMIN_PASSWORD).toBeUndefined();
    expect(isAbsolute(c.STATIC_DIR)).toBe(true);
    expect(c.STATIC_DIR.replaceAll('\\', '/')).toMatch(/\/client\/dist$/);
  });

  it('reads values from the environment', () => {
    const c = loadConfig({
      PORT: '9000',
      DATA_DIR: '/var/lib/stockroom',
      ROOM_IDLE_MS: '500',
      ADMIN_PASSWORD: 'long-enough',
    });
    expect(c).toMatchObject({
      PORT: 9000,
      DATA_DIR: '/var/lib/stockroom',
      ROOM_IDLE_MS: 500,
      ADMIN_PASSWORD: 'long-enough',
    });
    expect(loadConfig({ ADMIN_PASSWORD: '' }).ADMIN_PASSWORD).toBeUndefined();
  });

  it('names bad settings without echoing secrets', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    let message = '';
    try {
      loadConfig({ ADMIN_PASSWORD: 'short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ADMIN_PASSWORD');
    expect(message).not.toMatch(/\bshort\b/);
  });
});
