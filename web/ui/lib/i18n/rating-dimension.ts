// A rating dimension's name in the page's language: speed, quality and attitude have theirs; any other
// key the data uses is shown as it is (components mark it translate="no").
import { isKnownRatingDimension } from '../../../../warehouse/metrics/rating-dimensions.ts';
import type { MessageKey, Vars } from './translate.ts';

export function ratingDimensionLabel(key: string, t: (key: MessageKey, vars?: Vars) => string): string {
  return isKnownRatingDimension(key) ? t(`satisfaction.dimension.${key}`) : key;
}
