// @vitest-environment node

import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { periodMonthsAgo, putMovement, startOf, writer } from './support/entries.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

/** The value of one series (name plus exact label text) in a Prometheus text body. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

describe('/metrics', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const scrape = async (token?: string) => {
    const res = await fetch(`${server.url}/metrics`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    server = await ServerProcess.start({ env: { METRICS_TOKEN } });
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('needs METRICS_TOKEN or an admin token', async () => {
    const viewer = await userWithRole(server, admin, 'metrics-viewer', 'viewer');
    const manager = await userWithRole(server, admin, 'metrics-manager', 'manager');
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-wrong-token')).status).toBe(401);
    expect((await scrape(viewer.token!)).status).toBe(403);
    expect((await scrape(manager.token!)).status).toBe(403);
    const byScraper = await scrape(METRICS_TOKEN);
    expect(byScraper.status).toBe(200);
    expect(byScraper.type).toContain('text/plain; version=0.0.4');
    expect((await scrape(admin.token!)).status).toBe(200);
  });

  it('reports connections, rooms, persisted updates, persistence latency and login failures', async () => {
    const before = (await scrape(METRICS_TOKEN)).text;
    const updatesBefore = value(before, 'stockroom_updates_persisted_total{room_kind="ledger"}') || 0;
    // Last month's ledger: a room nobody wrote yet, brought into being by a writer's movements.
    const period = periodMonthsAgo(1);
    const a = await connect(server.wsUrl, ledgerRoom(period), admin.token!);
    const b = await connect(server.wsUrl, ledgerRoom(period), admin.token!);
    try {
      for (let i = 0; i < 25; i++)
        putMovement(a.doc, writer('admin'), `k${i}`, i + 1, { at: startOf(period) });
      await a.waitSaved();
      await new ApiClient(server.url).post('/api/auth/login', { username: 'admin', password: 'not it' });
      const after = (await scrape(METRICS_TOKEN)).text;
      expect(value(after, 'stockroom_sync_connections')).toBe(2);
      expect(value(after, 'stockroom_rooms_loaded')).toBeGreaterThanOrEqual(1);
      expect(value(after, 'stockroom_updates_persisted_total{room_kind="ledger"}')).toBeGreaterThanOrEqual(
        updatesBefore + 25,
      );
      expect(value(after, 'stockroom_persist_seconds_count')).toBeGreaterThanOrEqual(25);
      expect(value(after, 'stockroom_persist_seconds_bucket{le="+Inf"}')).toBe(
        value(after, 'stockroom_persist_seconds_count'),
      );
      expect(value(after, 'stockroom_login_failures_total')).toBeGreaterThanOrEqual(1);
      expect(value(after, 'stockroom_http_requests_total{code="4xx"}')).toBeGreaterThanOrEqual(1);
      expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      a.destroy();
      b.destroy();
    }
    await waitFor(
      async () => value((await scrape(METRICS_TOKEN)).text, 'stockroom_sync_connections') === 0,
      'the gauge to drop when clients leave',
    );
  });
});
