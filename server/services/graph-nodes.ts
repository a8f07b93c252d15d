import type { GraphLink, GraphNode, NodeKind } from '../schemas/common.schema.ts';

/**
 * Turns graph rows into the typed nodes and links every graph view shares
 * (neighbourhood, pivot evidence, warm paths): a node's key is `kind:id`, so
 * ids that repeat across labels stay distinct.
 */

const KIND_BY_LABEL: Record<string, NodeKind> = {
  Candidate: 'candidate',
  Employer: 'employer',
  Hub: 'hub',
  Sector: 'sector',
  Skill: 'skill',
  Publication: 'publication',
  Institution: 'institution',
  Country: 'country',
  TeamMember: 'teamMember',
};

/** The properties a view shows, per kind; everything else (personal data) stays out. */
const SHOWN: Record<NodeKind, string[]> = {
  candidate: ['seniority', 'segment', 'passive', 'openToWork'],
  employer: ['kind'],
  hub: ['countryCode', 'catchmentKm'],
  sector: ['target', 'group'],
  skill: ['group'],
  publication: ['year'],
  institution: ['countryCode'],
  country: [],
  teamMember: [],
};

export function kindOf(labels: readonly string[]): NodeKind | undefined {
  for (const label of labels) {
    const kind = KIND_BY_LABEL[label];
    if (kind) return kind;
  }
  return undefined;
}

export function nodeKey(kind: NodeKind, id: string): string {
  return `${kind}:${id}`;
}

type Scalar = string | number | boolean | null;

export function graphNode(kind: NodeKind, source: object): GraphNode {
  const props = source as Record<string, unknown>;
  const id = String(kind === 'country' ? props.code : props.id);
  const label = props.name ?? props.title ?? id;
  const shown: Record<string, Scalar> = {};
  for (const key of SHOWN[kind]) {
    const value = props[key];
    if (value === undefined) continue;
    shown[key] = typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as Scalar);
  }
  return { key: nodeKey(kind, id), id, kind, label: String(label), props: shown };
}

export function graphLink(source: string, target: string, type: string, props: Record<string, unknown> = {}): GraphLink {
  const shown: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    shown[key] = typeof value === 'object' ? JSON.stringify(value) : (value as Scalar);
  }
  return { source, target, type, props: shown };
}

/** Collects nodes and links once each, in the order first seen. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly links = new Map<string, GraphLink>();

  node(kind: NodeKind, props: object): string {
    const node = graphNode(kind, props);
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
    return node.key;
  }

  link(source: string, target: string, type: string, props: Record<string, unknown> = {}): void {
    const key = `${source}|${type}|${target}`;
    if (!this.links.has(key)) this.links.set(key, graphLink(source, target, type, props));
  }

  build(): { nodes: GraphNode[]; links: GraphLink[] } {
    return { nodes: [...this.nodes.values()], links: [...this.links.values()] };
  }
}
