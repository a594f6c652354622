// How a trend chart's tooltip names a bucket's coverage, in the current language: "complete", or
// "partial: 2 of 31 days" for a bucket the range or today cuts short.
import { locale } from '../i18n/locale.svelte.ts';
import type { PartialBucket } from './trend.ts';

export function coverageText() {
  return {
    title: locale.t('chart.coverage'),
    complete: locale.t('chart.complete'),
    partial: (bucket: PartialBucket) => locale.t('chart.partial', { covered: bucket.days_covered, days: bucket.days_in_bucket }),
  };
}
