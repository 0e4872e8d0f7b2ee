// The dashboard's answers are defined once, in shared/ (the server builds them from the same types).
export type { Activity, Dashboard, ExportRecord, StaffEntry, WorkloadRow } from '@closure-desk/shared';
