// Survey comments the demo's customers leave with a rating, in Chinese and English, grouped by
// how the customer felt; low ratings get a comment far more often than good ones.

export const NEGATIVE_COMMENTS: readonly string[] = [
  '等了好几天都没人处理，太慢了',
  '客服来回推诿，转了好几次',
  '问题还是没有解决',
  '退款到现在还没到账',
  '安装师傅迟到了两个小时',
  '态度很差，不会再买了',
  '同一个问题反复联系了三次',
  '电话一直打不通',
  'Took far too long to get a reply.',
  'I was transferred three times and nobody owned the problem.',
  'Still broken after the "fix".',
  'Refund has not arrived yet.',
];

export const NEUTRAL_COMMENTS: readonly string[] = [
  '解决了，但是等的时间有点长',
  '还行，希望下次快一点',
  '处理结果一般',
  '需要自己多次跟进',
  'Solved in the end, but slowly.',
  'OK, though I had to explain everything twice.',
];

export const POSITIVE_COMMENTS: readonly string[] = [
  '客服很耐心，谢谢！',
  '处理很快，点赞',
  '师傅很专业',
  '退款很快到账了',
  'Quick and friendly, thanks!',
  'Problem solved on the first call.',
];

/** All comments, as the dictionary of the `comment` code column. */
export const RATING_COMMENTS: readonly string[] = [...NEGATIVE_COMMENTS, ...NEUTRAL_COMMENTS, ...POSITIVE_COMMENTS];

/** Comment code ranges (0-based indexes into RATING_COMMENTS) per sentiment. */
export const COMMENT_RANGES = {
  negative: [0, NEGATIVE_COMMENTS.length],
  neutral: [NEGATIVE_COMMENTS.length, NEGATIVE_COMMENTS.length + NEUTRAL_COMMENTS.length],
  positive: [NEGATIVE_COMMENTS.length + NEUTRAL_COMMENTS.length, RATING_COMMENTS.length],
} as const;
