/*
 * The report queries are pure and run on the devices too (offline reports), so they live in
 * shared/src/reports; the server's routes, sources and CSV import them through this module.
 */
export * from '@stockroom/shared/reports/dashboard-report';
export * from '@stockroom/shared/reports/flow-reports';
export * from '@stockroom/shared/reports/report-periods';
export * from '@stockroom/shared/reports/stock-reports';
