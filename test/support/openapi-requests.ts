import type request from 'supertest';
import { findRule } from '../../server/auth/policy.ts';
import type { Role } from '../../server/auth/roles.ts';
import { openApiDocument } from '../../server/openapi.ts';
import type { GraphStats } from '../../server/repositories/health.repository.ts';
import type { Agent } from './app.ts';

/**
 * The routes of the OpenAPI document as data a test can walk: each
 * operation's path, query and JSON body parameters, so a sweep reaches every
 * parameter the API has without a hand-kept list.
 */

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form, `/api/candidates/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** Top-level properties of the JSON body (every variant of a oneOf), when it has one. */
  bodyProps: string[] | null;
  /** The body's media types. */
  bodyTypes: string[];
}

interface JsonSchema {
  properties?: Record<string, unknown>;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  type?: string;
}

function propsOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = Object.keys(schema.properties ?? {});
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap(propsOf);
  return [...new Set([...own, ...variants])];
}

export function operations(): Operation[] {
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      out.push({
        method: method as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: json && json.type !== 'array' ? propsOf(json) : null,
        bodyTypes: Object.keys(content),
      });
    }
  }
  return out;
}

/** The path with its parameters filled: `value` for `target` (raw, already encoded as wanted), a plain id for the rest. */
export function fillPath(op: Operation, target?: string, value?: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === target ? value! : 'zz-unknown-1'));
}

/** The graph's counts but the audit trail's, which grows by one event for each admin request. */
export function withoutAuditTrail(stats: GraphStats): GraphStats {
  const { AuditEvent: _events, ...nodes } = stats.nodes;
  return { nodes, relationships: stats.relationships };
}

/** Calls an operation with the least role that may call it (an admin's requests are audited, which adds events). */
export function callAsLeastRole(agents: Record<Role, Agent>, op: Operation, url: string): request.Test {
  const role = findRule(op.method, op.path.replace(/\{\w+\}/g, 'x'))?.role;
  const agent = agents[role === undefined || role === 'public' ? 'admin' : role];
  return (agent as unknown as Record<string, (u: string) => request.Test>)[op.method]!(url);
}
