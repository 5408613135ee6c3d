// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

/** Procedures, reason codes, conventions and held adjustments through the real server and SQLite. */
describe('procedures over the HTTP API', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let mia: ApiClient;
  let max: ApiClient;
  let clerk: ApiClient;

  const ok = async (p: Promise<{ status: number; body: unknown }>, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
    return r.body as any;
  };
  const onHand = async (sku: string) =>
    ((await clerk.get(`/api/stock?sku=${sku}`)).body as { quantity: number }[]).reduce(
      (s, l) => s + l.quantity,
      0,
    );
  const adjustmentsOf = async (sku: string) =>
    ((await clerk.get(`/api/movements?sku=${sku}&type=adjust`)).body as { id: string }[]).length;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    mia = await userWithRole(server, admin, 'mia', 'manager');
    max = await userWithRole(server, admin, 'max', 'manager');
    clerk = await userWithRole(server, admin, 'clara', 'clerk');
    await ok(admin.post('/api/locations', { code: 'SITE', kind: 'site' }));
    await ok(admin.post('/api/locations', { code: 'A-01', kind: 'bin', parent: 'SITE' }));
    await ok(admin.post('/api/items', { sku: 'FUSE', name: 'Fuse', category: 'Electrical', unitCost: 2 }));
    await ok(admin.post('/api/items', { sku: 'BOLT', name: 'Bolt', category: 'Fasteners' }));
    for (const sku of ['FUSE', 'BOLT'])
      await ok(clerk.post('/api/movements', { type: 'receive', sku, location: 'A-01', quantity: 100 }));
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('defaults apply until an admin saves; only admins save; bad input is 400 per field', async () => {
    const procedures = await ok(clerk.get('/api/procedures'), 200);
    expect(procedures.procedures.receive[2]).toEqual({
      text: 'Capture the lot or serial of tracked items',
      check: 'lot',
    });
    expect(procedures.savedBy.receive).toBeUndefined();
    const put = (c: ApiClient, path: string, body: unknown) => c.request('PUT', path, body);
    expect((await put(mia, '/api/procedures', { count: [{ text: 'x' }] })).status).toBe(403);
    const bad = await put(admin, '/api/procedures', { count: [{ text: '' }], dance: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['', 'count.0.text']);
    const saved = await ok(
      put(admin, '/api/procedures', { count: [{ text: 'Scan the bin', check: 'bin-first' }] }),
      200,
    );
    expect(saved.procedures.count).toEqual([{ text: 'Scan the bin', check: 'bin-first' }]);
    expect(saved.savedBy.count.user).toBe('admin');
    expect(saved.procedures.receive).toHaveLength(4);
    const badPattern = await put(admin, '/api/settings/conventions', { sku: '^[A-Z' });
    expect(badPattern.status).toBe(400);
    expect(badPattern.body.fields).toEqual([{ path: 'sku', message: 'is not a valid regular expression' }]);
    const codes = await ok(clerk.get('/api/reason-codes'), 200);
    expect(codes.types.adjust.map((c: { code: string }) => c.code)).toContain('count-correction');
  });

  it('reason codes: a named code is recorded; a reason naming one counts as it; required once an admin says so', async () => {
    const byCode = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'BOLT',
        location: 'A-01',
        quantity: -1,
        reasonCode: 'damaged',
        reason: 'box crushed',
      }),
    );
    expect(byCode).toMatchObject({ reasonCode: 'damaged', reason: 'box crushed' });
    const noNote = await clerk.post('/api/movements', {
      type: 'adjust',
      sku: 'BOLT',
      location: 'A-01',
      quantity: -1,
      reasonCode: 'damaged',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.fields[0].path).toBe('reason');
    const found = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'BOLT',
        location: 'A-01',
        quantity: 1,
        reasonCode: 'found',
      }),
    );
    expect(found).toMatchObject({ reasonCode: 'found', reason: 'Found' });
    const legacy = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'BOLT',
        location: 'A-01',
        quantity: 1,
        reason: 'Count correction',
      }),
    );
    expect(legacy.reasonCode).toBe('count-correction');
    const unknown = await clerk.post('/api/movements', {
      type: 'adjust',
      sku: 'BOLT',
      location: 'A-01',
      quantity: 1,
      reasonCode: 'magic',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].path).toBe('reasonCode');

    const codes = await ok(admin.get('/api/reason-codes'), 200);
    await ok(admin.request('PUT', '/api/reason-codes', { ...codes, required: true }), 200);
    const freeText = await clerk.post('/api/movements', {
      type: 'adjust',
      sku: 'BOLT',
      location: 'A-01',
      quantity: 1,
      reason: 'wrong bin',
    });
    expect(freeText.status).toBe(400);
    expect(freeText.body.message).toMatch(/reasonCode: is required: one of damaged/);
    await ok(admin.request('PUT', '/api/reason-codes', { ...codes, required: false }), 200);
    await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'BOLT',
        location: 'A-01',
        quantity: 1,
        reason: 'wrong bin',
      }),
    );
  });

  it('a code breaking a convention is 400 naming the pattern: items, locations and the import', async () => {
    await ok(
      admin.request('PUT', '/api/settings/conventions', {
        sku: String.raw`^[A-Z]{2}-\d{4}$`,
        location: '^[A-Z]-\\d{2}$',
      }),
      200,
    );
    const item = await admin.post('/api/items', { sku: 'bolt-7', name: 'Bolt' });
    expect(item.status).toBe(400);
    expect(item.body.fields).toEqual([
      { path: 'sku', message: 'bolt-7 does not follow the SKU convention ^[A-Z]{2}-\\d{4}$' },
    ]);
    await ok(admin.post('/api/items', { sku: 'BL-0007', name: 'Bolt' }));
    const location = await admin.post('/api/locations', { code: 'shelf', kind: 'bin', parent: 'SITE' });
    expect(location.status).toBe(400);
    expect(location.body.message).toContain('location code convention ^[A-Z]-\\d{2}$');
    const csv = 'SKU,Name\nBL-0008,Good\nnope,Bad\n';
    const res = await fetch(`${server.url}/api/import/items?dryRun=true`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    const outcome = (await res.json()) as { rejected: { row: number; field: string; message: string }[] };
    expect(outcome.rejected).toEqual([
      { row: 3, field: 'sku', message: 'nope does not follow the SKU convention ^[A-Z]{2}-\\d{4}$' },
    ]);
    // Records made before the convention keep working (FUSE is not of the pattern).
    await ok(admin.patch('/api/items/FUSE', { name: 'Fuse 5A' }), 200);
    await ok(admin.request('PUT', '/api/settings/conventions', { sku: '', location: '' }), 200);
  });

  it('held adjustments change no stock until approved; two managers approving at once post once', async () => {
    await ok(
      admin.request('PUT', '/api/settings/thresholds', [{ category: 'Electrical', quantity: 10 }]),
      200,
    );
    const before = await onHand('FUSE');
    const adjustmentsBefore = await adjustmentsOf('FUSE');
    // Within the limit: recorded at once.
    await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'FUSE',
        location: 'A-01',
        quantity: -10,
        reason: 'Theft',
      }),
    );
    expect(await onHand('FUSE')).toBe(before - 10);
    // Above it: held.
    const held = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'FUSE',
        location: 'A-01',
        quantity: -40,
        reasonCode: 'expired',
        requestId: 'r-1',
      }),
      202,
    );
    expect(held.status).toBe('pending');
    expect(held.approval.why).toBe('quantity 40 is above the limit of 10');
    const retry = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'FUSE',
        location: 'A-01',
        quantity: -40,
        reasonCode: 'expired',
        requestId: 'r-1',
      }),
      202,
    );
    expect(retry.approval.id).toBe(held.approval.id);
    expect(await onHand('FUSE')).toBe(before - 10);
    expect(await adjustmentsOf('FUSE')).toBe(adjustmentsBefore + 1);
    const pending = await ok(mia.get('/api/approvals?status=pending'), 200);
    expect(pending.map((a: { request: { id: string } }) => a.request.id)).toEqual([held.approval.id]);

    const id = held.approval.id as string;
    expect((await clerk.post(`/api/approvals/${id}/approve`, {})).status).toBe(403);
    const [a, b] = await Promise.all([
      mia.post(`/api/approvals/${id}/approve`, { note: 'seen the bin' }),
      max.post(`/api/approvals/${id}/approve`, {}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.decision.movement).toBe(b.body.decision.movement);
    expect(await onHand('FUSE')).toBe(before - 50);
    expect(await adjustmentsOf('FUSE')).toBe(adjustmentsBefore + 2);
    const movement = (
      (await clerk.get('/api/movements?sku=FUSE&type=adjust')).body as Record<string, unknown>[]
    ).find((m) => m.id === a.body.decision.movement);
    expect(movement).toMatchObject({
      quantity: -40,
      reasonCode: 'expired',
      reason: 'Expired',
      user: 'clara',
    });
    expect((await mia.post(`/api/approvals/${id}/reject`, {})).status).toBe(409);
    const audit = await ok(admin.get('/api/audit?subject=item:FUSE'), 200);
    const approvals = audit.filter((e: { action: string }) => e.action === 'approval.approve');
    expect(approvals).toHaveLength(1);
    expect(['mia', 'max']).toContain(approvals[0].user);
  });

  it('a rejected adjustment records nothing', async () => {
    const before = await onHand('FUSE');
    const held = await ok(
      clerk.post('/api/movements', {
        type: 'adjust',
        sku: 'FUSE',
        location: 'A-01',
        quantity: 25,
        reasonCode: 'found',
      }),
      202,
    );
    const rejected = await ok(
      max.post(`/api/approvals/${held.approval.id}/reject`, { note: 'count again' }),
      200,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decision: { user: 'max', note: 'count again' } });
    expect((await mia.post(`/api/approvals/${held.approval.id}/approve`, {})).status).toBe(409);
    expect(await onHand('FUSE')).toBe(before);
    expect((await mia.post('/api/approvals/nope/approve', {})).status).toBe(404);
  });
});
