// Labels and units of the table columns that are not KPIs (keys, buckets, distributions), declared
// once so that every metric table, export header and chart axis reads the same words.
import type { Column, ColumnUnit } from './table.ts';
import type { Dimension } from './filter.ts';

const c = (key: string, en: string, zh: string, unit: ColumnUnit): Column => ({ key, label: { en, zh }, unit });

export const COLUMNS = {
  metric: c('metric', 'Metric', '指标', 'text'),
  value: c('value', 'Value', '数值', 'number'),
  previous: c('previous', 'Previous period', '上一周期', 'number'),
  delta: c('delta', 'Change', '变化', 'number'),
  delta_pct: c('delta_pct', 'Change %', '变化率', 'ratio'),
  bucket: c('bucket', 'Period', '时间段', 'text'),
  day: c('day', 'Day', '日期', 'date'),
  weekday: c('weekday', 'Weekday (1 = Monday)', '星期(1=周一)', 'number'),
  hour: c('hour', 'Hour', '小时', 'number'),
  tickets: c('tickets', 'Tickets', '工单数', 'count'),
  share: c('share', 'Share', '占比', 'ratio'),
  status: c('status', 'Status', '状态', 'text'),
  median: c('median', 'Median', '中位数', 'seconds'),
  p90: c('p90', 'P90', 'P90', 'seconds'),
  mean: c('mean', 'Mean', '均值', 'seconds'),
  created: c('created', 'Created', '新建', 'count'),
  resolved: c('resolved', 'Resolved or closed', '解决或关闭', 'count'),
} as const satisfies Record<string, Column>;

export const DIMENSION_LABELS: Record<Dimension, { en: string; zh: string }> = {
  team: { en: 'Team', zh: '团队' },
  agent: { en: 'Agent', zh: '客服' },
  channel: { en: 'Channel', zh: '渠道' },
  problem_type: { en: 'Problem type', zh: '问题类型' },
  problem_subtype: { en: 'Problem subtype', zh: '问题子类型' },
  priority: { en: 'Priority', zh: '优先级' },
  region: { en: 'Region', zh: '地区' },
  product: { en: 'Product', zh: '产品' },
};
