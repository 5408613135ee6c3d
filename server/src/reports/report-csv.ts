/* The reports' CSV is pure and the devices download the same offline: it lives in shared/src/reports. */
export * from '@stockroom/shared/reports/report-csv';
