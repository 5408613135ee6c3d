// The permission table is shared with the browser and the write rules: see shared/src/access.
export * from '@stockroom/shared/access/permissions';
