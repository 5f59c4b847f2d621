// Generic CRUD over an in-memory collection, validated against the field table in model.ts.
// The route modules in routes/ bind it to one entity each.
import { FIELDS, type FieldSpec } from './model.js';

export interface ApiRequest {
  method: string;
  /** Path segments after the resource path, e.g. [] for /tasks and ['42'] for /tasks/42. */
  segments: string[];
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
}

export interface Resource {
  entity: string;
  path: string;
  handle(request: ApiRequest): ApiResponse;
}

/** Checks a JSON body against an entity's fields; returns every problem at once. */
export function validate(entity: string, body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body must be a JSON object'];
  const record = body as Record<string, unknown>;
  const fields = FIELDS.filter((f) => f.entity === entity);
  const problems: string[] = [];
  for (const field of fields) {
    const value = record[field.name];
    if (value === undefined) {
      if (field.required) problems.push(`${field.name} is required`);
    } else if (typeof value !== field.type) {
      problems.push(`${field.name} must be a ${field.type}`);
    }
  }
  const known = new Set(fields.map((f: FieldSpec) => f.name));
  for (const key of Object.keys(record)) if (!known.has(key)) problems.push(`${key} is not a field of ${entity}`);
  return problems;
}

/** A CRUD resource for one entity, stored in memory. */
export function resource<T extends { id: string }>(entity: string, path: string): Resource {
  const items = new Map<string, T>();
  let nextId = 1;
  return {
    entity,
    path,
    handle({ method, segments, body }: ApiRequest): ApiResponse {
      const [id, ...extra] = segments;
      if (extra.length > 0) return { status: 404, body: { error: 'not found' } };
      if (id === undefined) {
        if (method === 'GET') return { status: 200, body: [...items.values()] };
        if (method === 'POST') {
          const problems = validate(entity, body);
          if (problems.length > 0) return { status: 400, body: { error: 'invalid ' + entity, problems } };
          const item = { ...(body as object), id: String(nextId++) } as T;
          items.set(item.id, item);
          return { status: 201, body: item };
        }
        return { status: 405, body: { error: `${method} not allowed on ${path}` } };
      }
      const item = items.get(id);
      if (!item) return { status: 404, body: { error: `${entity} ${id} not found` } };
      if (method === 'GET') return { status: 200, body: item };
      if (method === 'DELETE') {
        items.delete(id);
        return { status: 204 };
      }
      return { status: 405, body: { error: `${method} not allowed on ${path}/${id}` } };
    },
  };
}
