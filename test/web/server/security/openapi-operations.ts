// Every operation a running `deskpulse serve` documents at /api/docs/json (method, path, its
// parameters): what the authorization sweep and the fuzz bench iterate over, so that a route
// added to the server is swept without anyone listing it.

export interface QueryParameter {
  name: string;
  required: boolean;
  /** The parameter's JSON schema as the document gives it. */
  schema: Record<string, unknown>;
}

export interface Operation {
  /** 'GET /api/agents/{agent}': method and the document's path. */
  key: string;
  method: string;
  path: string;
  pathParameters: string[];
  query: QueryParameter[];
}

interface OpenApiParameter { in: string; name: string; required?: boolean; schema?: Record<string, unknown> }

export async function readOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/api/docs/json`);
  if (!response.ok) throw new Error(`GET /api/docs/json answered ${response.status}`);
  const doc = (await response.json()) as { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => {
    const parameters = op.parameters ?? [];
    return {
      key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path,
      pathParameters: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema ?? {} })),
    };
  }));
}

/** The path with each {name} replaced by its value, URL-encoded. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(value);
  });
}

/** A valid value of each required query parameter, per operation: what a request needs to reach the handler. */
const REQUIRED_QUERY: Record<string, Record<string, string>> = {
  'GET /api/breakdown': { by: 'team' },
  'GET /api/problems/heatmap': { by: 'region' },
  'GET /api/satisfaction/by': { by: 'team' },
  'GET /api/alerts/{id}/route-proposal': { team: 'quality' },
};

/** The required query parameters of `op` with valid values; throws for one this file does not know yet. */
export function requiredQuery(op: Operation): Record<string, string> {
  const known = REQUIRED_QUERY[op.key] ?? {};
  const missing = op.query.filter((p) => p.required && known[p.name] === undefined).map((p) => p.name);
  if (missing.length) throw new Error(`${op.key} requires ${missing.join(', ')}: add a valid value to REQUIRED_QUERY in ${import.meta.url}`);
  return known;
}
