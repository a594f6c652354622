// Enumerated cell values read as words in both languages, never as the warehouse's codes.
import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS } from '../../../../../warehouse/metrics/live.ts';
import { cellTerm } from '../../../../../web/ui/lib/i18n/value-terms.ts';

describe('cellTerm', () => {
  it('names every age bucket of the live view in English and Chinese', () => {
    for (const bucket of AGE_BUCKETS) {
      expect(cellTerm('age_bucket', bucket, 'en')).not.toBe(bucket);
      expect(cellTerm('age_bucket', bucket, 'zh')).toMatch(/小时|天/);
    }
    expect(cellTerm('age_bucket', '1-3d', 'zh')).toBe('1–3 天');
    expect(cellTerm('age_bucket', '>7d', 'en')).toBe('over 7 days');
  });

  it('leaves values of other columns as they are', () => {
    expect(cellTerm('team', '1-3d', 'zh')).toBe('1-3d');
  });
});
