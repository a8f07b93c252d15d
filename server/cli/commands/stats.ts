import type { Command } from 'commander';
import { countWorldAndInstallation } from '../../services/stats.service.ts';
import { type CliContext, withDatabase } from '../context.ts';

export function registerStats(program: Command, context: () => CliContext): void {
  program
    .command('stats')
    .description("count the world's nodes by label and relationships by type; the installation's own records (users, tokens, audit trail, suppression list, change mark) apart")
    .option('--json', 'print { "nodes": {Label: n}, "relationships": {TYPE: n}, "installation": { "nodes": {…}, "relationships": {…} } }')
    .action(async (opts: { json?: boolean }) => {
      const stats = await withDatabase(context(), countWorldAndInstallation);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(stats)}\n`);
        return;
      }
      const { installation } = stats;
      const keys = (...counts: Record<string, number>[]) => counts.flatMap((c) => Object.keys(c).map((k) => k.length));
      // The installation's sections are indented two more: the counts still line up in one column.
      const width = Math.max(12, ...keys(stats.nodes, stats.relationships), ...keys(installation.nodes, installation.relationships).map((n) => n + 2));
      const section = (title: string, counts: Record<string, number>, indent = '') => {
        process.stdout.write(`${indent}${title}\n`);
        for (const [key, n] of Object.entries(counts)) process.stdout.write(`${indent}  ${key.padEnd(width - indent.length)} ${n}\n`);
      };
      section('Nodes', stats.nodes);
      section('Relationships', stats.relationships);
      process.stdout.write('Installation records (not world data; `atlas seed --replace` keeps them)\n');
      section('Nodes', installation.nodes, '  ');
      section('Relationships', installation.relationships, '  ');
    });
}
