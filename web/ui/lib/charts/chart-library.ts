// The chart library (vega-embed with vega and vega-lite, about 880 KB of JavaScript), loaded once
// per page and only when a chart is to be drawn: the Overview's first screen needs none. A page
// that knows charts are coming into view asks for it early, so the download, parse and module
// evaluation overlap the API requests the charts wait for instead of following them.
type Embed = typeof import('vega-embed');

let loading: Promise<Embed> | null = null;

export function chartLibrary(): Promise<Embed> {
  // A failed load (e.g. the network) is tried again by the next chart, not remembered.
  loading ??= import('vega-embed').catch((err: unknown) => { loading = null; throw err; });
  return loading;
}
