import { describe, expect, it } from 'vitest';
import { cypherFileNames, loadCypher } from '../../server/db/cypher.ts';
import * as auditRepository from '../../server/repositories/audit.repository.ts';

/** The statement without its comment lines, as it is sent. */
const statement = loadCypher;

describe('audit.repository', () => {
  it('audit events are append-only: only audit-record.cypher writes one, by CREATE; no statement sets, removes, merges or deletes one', () => {
    const touching = cypherFileNames().filter((name) => name !== 'schema' && /AuditEvent/.test(statement(name)));
    expect(touching.sort()).toEqual(['audit-events-about', 'audit-events-find', 'audit-record']);
    for (const name of ['audit-events-about', 'audit-events-find']) {
      expect(statement(name), name).not.toMatch(/\b(CREATE|MERGE|SET|REMOVE|DELETE|DETACH)\b/i);
    }
    // The one write creates the node and fills in the new node's details; it cannot match an existing event.
    expect(statement('audit-record')).not.toMatch(/\b(MATCH|MERGE|REMOVE|DELETE|DETACH)\b/i);
    expect(statement('audit-record')).toMatch(/^CREATE \(e:AuditEvent /m);
    // The one statement that deletes every node, events included, is graph-clear: it empties a whole database
    // (the tests' and the import benchmark's), never part of one; `atlas seed --replace` runs world-clear, which names its labels.
    const wipes = cypherFileNames().filter((name) => /MATCH \(n\)[\s\S]*DELETE n/.test(statement(name)));
    expect(wipes).toEqual(['graph-clear']);
  });

  it('audit.repository offers creating and reading events, nothing that changes one', () => {
    expect(Object.keys(auditRepository).sort()).toEqual(['createAuditEventTx', 'createAuditEvents', 'findAuditEvents', 'findAuditEventsAbout']);
  });
});
