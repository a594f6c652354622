// The download URL of an API table: the same path and filter plus format and header language;
// paging is dropped so the file holds every row the route exports.
export function exportUrl(url: string, format: 'csv' | 'xlsx', lang: 'en' | 'zh'): string {
  const [path, search = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(search);
  params.delete('page');
  params.delete('page_size');
  params.set('format', format);
  params.set('lang', lang);
  return `${path}?${params}`;
}
