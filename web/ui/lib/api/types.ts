// The API's shapes the pages read: the shared MetricTable (from the warehouse, type-only) and the
// small JSON answers of /api/me and /api/metrics.
export type { Cell, Column, ColumnUnit, Label, MetricTable } from '../../../../warehouse/metrics/table.ts';
import type { ColumnUnit, Label } from '../../../../warehouse/metrics/table.ts';

export type Role = 'admin' | 'manager' | 'team_lead' | 'planner' | 'ingest';

export interface Me {
  role: Role;
  teams: string[] | null;
  open: boolean;
}

export interface MetricInfo {
  key: string;
  label: Label;
  unit: ColumnUnit;
  higherIsBetter: boolean | null;
  description?: Label;
}
