// The digest's one chart, drawn on the server: a vega-lite spec (tickets per day, the digest's day
// highlighted) -> vega View without a browser -> SVG -> PNG with resvg. resvg reads the system fonts
// (Debian's fonts-noto-cjk) so Chinese axis titles render as glyphs, not boxes.
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DigestData } from './digest-data.ts';
import type { DigestLanguage } from './report-config.ts';

const FONT = 'Noto Sans CJK SC';
const TITLES = {
  en: { title: 'Tickets per day', day: 'Day', tickets: 'Tickets' },
  zh: { title: '每日工单量', day: '日期', tickets: '工单' },
} as const;

export function volumeChartSpec(data: DigestData, language: DigestLanguage): TopLevelSpec {
  const t = TITLES[language];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 600, height: 200, background: 'white', padding: 12,
    title: t.title,
    data: { values: data.volume.map((v) => ({ ...v, reported: v.day === data.day })) },
    mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
    encoding: {
      x: { field: 'day', type: 'ordinal', title: t.day, axis: { labelAngle: -40, labelExpr: 'slice(datum.value, 5)' } },
      y: { field: 'tickets', type: 'quantitative', title: t.tickets },
      color: { field: 'reported', type: 'nominal', legend: null, scale: { domain: [false, true], range: ['#93c5fd', '#1d4ed8'] } },
    },
    config: { font: FONT, view: { stroke: null } },
  };
}

export async function volumeChartPng(data: DigestData, language: DigestLanguage): Promise<Buffer> {
  const view = new View(parse(compile(volumeChartSpec(data, language)).spec), { renderer: 'none' });
  const svg = await view.toSVG(2);
  view.finalize();
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: FONT }, background: 'white' }).render().asPng();
  return Buffer.from(png);
}
