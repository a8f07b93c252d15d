import type { Command } from 'commander';
import { countByLabelAndType } from '../../repositories/health.repository.ts';
import { type CliContext, withDatabase } from '../context.ts';

export function registerStats(program: Command, context: () => CliContext): void {
  program
    .command('stats')
    .description('count nodes by label and relationships by type in the connected database')
    .option('--json', 'print { "nodes": {Label: n}, "relationships": {TYPE: n} }')
    .action(async (opts: { json?: boolean }) => {
      const stats = await withDatabase(context(), countByLabelAndType);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(stats)}\n`);
        return;
      }
      const width = Math.max(12, ...[...Object.keys(stats.nodes), ...Object.keys(stats.relationships)].map((k) => k.length));
      process.stdout.write('Nodes\n');
      for (const [label, n] of Object.entries(stats.nodes)) process.stdout.write(`  ${label.padEnd(width)} ${n}\n`);
      process.stdout.write('Relationships\n');
      for (const [type, n] of Object.entries(stats.relationships)) process.stdout.write(`  ${type.padEnd(width)} ${n}\n`);
    });
}
