// What customers bring to the demo centre: how many tickets of each problem type arrive on a day
// (weekly pattern, promotion peaks, holidays, slow growth) and when, on which channel, about what.
import { cumulative } from './rng.ts';

/** Indexes into PROBLEM_TYPE_LABELS / CHANNEL_LABELS (same order). */
export const PT = { return_exchange: 0, logistics: 1, product_quality: 2, installation: 3, pre_sales: 4, complaint: 5, invoice: 6 } as const;
export const CH = { phone: 0, chat: 1, web: 2, app: 3, wechat: 4, email: 5 } as const;
export const LIVE_CHANNELS: ReadonlySet<number> = new Set([CH.phone, CH.chat]);

/** Share of each problem type in an ordinary week. */
export const PROBLEM_SHARE = [0.24, 0.22, 0.12, 0.10, 0.16, 0.08, 0.08];

const CONSUMER_WEEK = [1.08, 1.02, 0.98, 0.96, 0.98, 0.98, 1.0];
// Problems that need the office teams are raised less at weekends and pile up on Monday.
const OFFICE_WEEK = [1.25, 1.12, 1.08, 1.05, 1.0, 0.72, 0.62];
const SHOPPING_WEEK = [0.92, 0.92, 0.95, 0.97, 1.02, 1.12, 1.1];

function normalised(week: number[]): number[] {
  const mean = week.reduce((a, b) => a + b, 0) / week.length;
  return week.map((w) => w / mean);
}

/** Weekly factor [problem type][Mon..Sun], mean 1 per type. */
export const WEEKLY = [CONSUMER_WEEK, CONSUMER_WEEK, OFFICE_WEEK, OFFICE_WEEK, SHOPPING_WEEK, OFFICE_WEEK, OFFICE_WEEK].map(normalised);

/** Types raised less on public holidays (and handled by office teams). */
const OFFICE_TYPES: ReadonlySet<number> = new Set([PT.product_quality, PT.installation, PT.complaint, PT.invoice]);

export const PROMO_FIRST_OFFSET = -3;
/**
 * Multiplier per problem type for the days from 3 before to 12 after a promotion day: pre-sales
 * peaks before and on the day, logistics right after, returns, repairs and complaints as the
 * parcels arrive.
 */
export const PROMO_PROFILE: readonly (readonly number[])[] = [
  [1, 1, 1, 2.5, 3.5, 4.5, 5.5, 6.0, 5.4, 4.4, 3.4, 2.6, 2.0, 1.6, 1.3, 1.1], // return_exchange
  [1, 1, 1.1, 3.5, 5.0, 6.0, 5.5, 4.5, 3.4, 2.6, 2.0, 1.6, 1.3, 1.15, 1.05, 1], // logistics
  [1, 1, 1, 1.5, 2.0, 2.8, 3.4, 3.8, 3.6, 3.0, 2.4, 1.9, 1.6, 1.35, 1.15, 1.05], // product_quality
  [1, 1, 1, 1.5, 2.0, 2.6, 3.4, 4.0, 4.2, 3.6, 3.0, 2.4, 1.8, 1.5, 1.25, 1.1], // installation
  [1.4, 1.8, 2.6, 5.0, 2.5, 1.5, 1.2, 1.1, 1, 1, 1, 1, 1, 1, 1, 1], // pre_sales
  [1, 1, 1, 2.5, 3.5, 4.5, 5.0, 4.8, 4.0, 3.2, 2.5, 2.0, 1.6, 1.3, 1.15, 1.05], // complaint
  [1, 1, 1, 3.0, 3.5, 3.5, 3.0, 2.4, 1.9, 1.6, 1.3, 1.15, 1.05, 1, 1, 1], // invoice
];

/** Local-hour arrival weights per channel: live channels peak late morning and in the evening. */
const HOURLY = [
  [0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 2.2, 4.4, 5.8, 6.0, 4.4, 3.8, 4.0, 3.9, 3.7, 3.5, 3.4, 4.2, 5.4, 5.6, 3.0, 0.4], // phone
  [0.8, 0.4, 0.2, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 4.4, 5.6, 5.8, 4.6, 4.0, 4.1, 4.0, 3.9, 3.9, 4.2, 5.2, 6.0, 6.2, 4.6, 2.0], // chat
  [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 3.8, 5.2, 5.4, 5.0, 3.8, 4.0, 4.8, 4.9, 4.6, 4.0, 3.0, 2.8, 2.9, 2.7, 1.9, 1.0], // web
  [1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.8, 3.0, 4.2, 4.9, 5.0, 4.4, 4.2, 4.3, 4.2, 4.1, 4.2, 4.6, 5.3, 5.9, 6.0, 4.8, 2.6], // app
  [1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.8, 3.0, 4.2, 4.9, 5.0, 4.4, 4.2, 4.3, 4.2, 4.1, 4.2, 4.6, 5.3, 5.9, 6.0, 4.8, 2.6], // wechat
  [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 3.8, 5.2, 5.4, 5.0, 3.8, 4.0, 4.8, 4.9, 4.6, 4.0, 3.0, 2.8, 2.9, 2.7, 1.9, 1.0], // email
].map(cumulative);

/** Channel mix (phone, chat, web, app, wechat, email) per problem type. */
const CHANNEL_MIX = [
  [0.18, 0.26, 0.10, 0.22, 0.18, 0.06],
  [0.20, 0.28, 0.05, 0.22, 0.22, 0.03],
  [0.28, 0.18, 0.14, 0.16, 0.14, 0.10],
  [0.38, 0.12, 0.12, 0.16, 0.18, 0.04],
  [0.10, 0.42, 0.05, 0.20, 0.22, 0.01],
  [0.40, 0.16, 0.12, 0.10, 0.10, 0.12],
  [0.08, 0.14, 0.24, 0.14, 0.10, 0.30],
].map(cumulative);

/** Subtype weights per problem type, over SUBTYPE_LABELS in order (zero for other types' subtypes). */
const SUBTYPE_WEIGHTS: Readonly<Record<number, readonly number[]>> = {
  [PT.return_exchange]: [0.4, 0.25, 0.25, 0.1],
  [PT.logistics]: [0.5, 0.12, 0.2, 0.18],
  [PT.product_quality]: [0.25, 0.4, 0.2, 0.15],
  [PT.installation]: [0.45, 0.3, 0.12, 0.13],
  [PT.pre_sales]: [0.45, 0.2, 0.2, 0.15],
  [PT.complaint]: [0.25, 0.35, 0.15, 0.25],
  [PT.invoice]: [0.55, 0.25, 0.2],
};
/** First SUBTYPE_LABELS index of each problem type's subtypes. */
const SUBTYPE_OFFSET = [0, 4, 8, 12, 16, 20, 24];
const SUBTYPE_CUM = Object.keys(SUBTYPE_WEIGHTS).map((k) => cumulative(SUBTYPE_WEIGHTS[Number(k)]!));

// Products: air conditioner, fridge, washer, TV, phone, laptop, earbuds, robot vacuum, purifier,
// water heater, rice cooker, smartwatch. Installation is about the big appliances only.
const PRODUCTS_DEFAULT = cumulative([8, 7, 7, 8, 16, 10, 10, 7, 5, 5, 8, 9]);
const PRODUCTS_QUALITY = cumulative([9, 9, 9, 9, 14, 10, 9, 8, 6, 6, 6, 5]);
const PRODUCTS_INSTALL = cumulative([30, 6, 14, 16, 0, 0, 0, 2, 14, 18, 0, 0]);

// East, south, north, central, southwest, northeast, northwest, HK/Macao/Taiwan; far regions
// have more delivery problems.
const REGIONS_DEFAULT = cumulative([28, 20, 16, 11, 10, 6, 6, 3]);
const REGIONS_LOGISTICS = cumulative([24, 17, 14, 11, 13, 8, 10, 3]);

// low, normal, high, urgent
const PRIORITY_DEFAULT = cumulative([0.15, 0.65, 0.15, 0.05]);
const PRIORITY_BY_TYPE: Readonly<Record<number, Float64Array>> = {
  [PT.complaint]: cumulative([0.02, 0.38, 0.4, 0.2]),
  [PT.pre_sales]: cumulative([0.3, 0.62, 0.07, 0.01]),
  [PT.product_quality]: cumulative([0.08, 0.6, 0.25, 0.07]),
  [PT.invoice]: cumulative([0.3, 0.62, 0.07, 0.01]),
};

export const hourlyWeights = (channel: number): Float64Array => HOURLY[channel]!;
export const channelMix = (problemType: number): Float64Array => CHANNEL_MIX[problemType]!;
export const subtypeWeights = (problemType: number): Float64Array => SUBTYPE_CUM[problemType]!;
export const subtypeOffset = (problemType: number): number => SUBTYPE_OFFSET[problemType]!;
export const productWeights = (problemType: number): Float64Array =>
  problemType === PT.installation ? PRODUCTS_INSTALL : problemType === PT.product_quality ? PRODUCTS_QUALITY : PRODUCTS_DEFAULT;
export const regionWeights = (problemType: number): Float64Array => (problemType === PT.logistics ? REGIONS_LOGISTICS : REGIONS_DEFAULT);
export const priorityWeights = (problemType: number): Float64Array => PRIORITY_BY_TYPE[problemType] ?? PRIORITY_DEFAULT;

/** Promotion intensity by month-day: 11.11 is the biggest shopping day of the year. */
const BUILTIN_PROMOTIONS: Readonly<Record<string, number>> = { '06-18': 1, '11-11': 1.3 };

export interface DayFacts {
  /** 0 = Monday .. 6 = Sunday. */
  weekday: number;
  isHoliday: boolean;
  /** Per problem type: promotion multiplier (1 on ordinary days). */
  promotion: Float64Array;
}

/** Promotion multipliers per problem type for each date, from the built-in and configured promotion days. */
export function promotionFactors(dates: readonly string[], configured: readonly string[]): Float64Array[] {
  const peaks = new Map<string, number>();
  const years = new Set(dates.map((d) => d.slice(0, 4)));
  for (const year of [...years].flatMap((y) => [Number(y) - 1, Number(y), Number(y) + 1])) {
    for (const [md, intensity] of Object.entries(BUILTIN_PROMOTIONS)) peaks.set(`${year}-${md}`, intensity);
  }
  for (const date of configured) peaks.set(date, Math.max(peaks.get(date) ?? 0, 1));
  const index = new Map(dates.map((d, i) => [d, i]));
  const out = dates.map(() => new Float64Array(PROMO_PROFILE.length).fill(1));
  for (const [date, intensity] of peaks) {
    const peakDay = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    for (let offset = PROMO_FIRST_OFFSET; offset < PROMO_FIRST_OFFSET + PROMO_PROFILE[0]!.length; offset++) {
      const day = new Date((peakDay + offset) * 86_400_000).toISOString().slice(0, 10);
      const i = index.get(day);
      if (i === undefined) continue;
      PROMO_PROFILE.forEach((profile, type) => {
        const factor = 1 + (profile[offset - PROMO_FIRST_OFFSET]! - 1) * intensity;
        out[i]![type] = Math.max(out[i]![type]!, factor);
      });
    }
  }
  return out;
}

/** Expected arrivals of a problem type on a day, before noise. */
export function expectedArrivals(ticketsPerDay: number, type: number, facts: DayFacts, trend: number): number {
  const holiday = facts.isHoliday ? (OFFICE_TYPES.has(type) ? 0.6 : 0.85) : 1;
  return ticketsPerDay * PROBLEM_SHARE[type]! * WEEKLY[type]![facts.weekday]! * facts.promotion[type]! * holiday * trend;
}
