// The rating dimensions DeskPulse names in both languages (issue 20 §4), in the order screens list
// them; a rating may carry any other key, which screens show as it is.
export const KNOWN_RATING_DIMENSIONS = ['speed', 'quality', 'attitude'] as const;
export type KnownRatingDimension = (typeof KNOWN_RATING_DIMENSIONS)[number];

export function isKnownRatingDimension(key: string): key is KnownRatingDimension {
  return (KNOWN_RATING_DIMENSIONS as readonly string[]).includes(key);
}
