import { Supplier, SupplierInput, SupplierPatch } from '@stockroom/shared/catalog/supplier';
import { createRecordRoute, listRecordsRoute, patchRecordRoute, type RecordKind } from './record-routes.ts';

const SUPPLIERS: RecordKind<Supplier> = {
  tag: 'suppliers',
  noun: 'supplier',
  schema: Supplier,
  input: SupplierInput,
  patch: SupplierPatch,
  records: (catalog) => catalog.suppliers,
  create: (catalog, body, actor) => catalog.createSupplier(body, actor),
  update: (catalog, code, body) => catalog.patchSupplier(code, body),
};

export const createSupplier = createRecordRoute(SUPPLIERS, {
  summary: 'Create a supplier',
  auditDetails: (supplier) => ({ name: supplier.name }),
});

export const listSuppliers = listRecordsRoute(SUPPLIERS, 'Every supplier, sorted by code');

export const patchSupplier = patchRecordRoute(SUPPLIERS);
