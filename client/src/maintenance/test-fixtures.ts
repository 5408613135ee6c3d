import type { Asset } from '@stockroom/shared/maintenance/asset';
import type { WorkOrderView } from '@stockroom/shared/maintenance/work-order-fold';

export function order(over: Partial<WorkOrderView> & { id: string }): WorkOrderView {
  return {
    number: null,
    asset: 'PUMP-1',
    title: 'Job',
    description: null,
    priority: 'medium',
    due: null,
    assignee: null,
    schedule: null,
    status: 'open',
    statusAt: null,
    createdAt: '2026-01-05T08:00:00.000Z',
    createdBy: 'maria',
    parts: [],
    records: [],
    history: [],
    totalCost: 0,
    overdue: false,
    ...over,
  };
}

export function asset(over: Partial<Asset> & { code: string }): Asset {
  return {
    name: over.code,
    parent: null,
    location: null,
    criticality: 'medium',
    barcode: null,
    spares: [],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'maria',
    ...over,
  };
}

export const line = (sku: string, over: Partial<WorkOrderView['parts'][number]> = {}) => ({
  sku,
  planned: 0,
  reserved: 0,
  reservedAt: [],
  issued: 0,
  returned: 0,
  cost: 0,
  shortage: false,
  ...over,
});
