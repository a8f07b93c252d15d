import type { Command } from 'commander';
import { ROLES, type Role, isRole } from '../../auth/roles.ts';
import { HttpError } from '../../errors.ts';
import { TokenIdSchema, UserNameSchema } from '../../schemas/users.schema.ts';
import { addUser, createUserToken, listTokens, listUsers, revokeUserToken } from '../../services/users.service.ts';
import { type CliContext, CliError, withDatabase } from '../context.ts';

/**
 * `atlas user add|ls` and `atlas token create|revoke|ls`: who may use the API.
 * A new token is printed once, on stdout, and stored only as a hash.
 */

async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) throw new CliError(error.message, error.status === 400 ? 2 : 1);
    throw error;
  }
}

function parseRole(value: string): Role {
  if (!isRole(value)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got "${value}"`, 2);
  return value;
}

function parseUserName(value: string): string {
  const parsed = UserNameSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`NAME ${parsed.error.issues[0]?.message ?? 'is invalid'}, got "${value}"`, 2);
  return parsed.data;
}

function parseTokenId(value: string): string {
  // Accept the whole token too: its id is the part after `ta_`.
  const id = /^ta_([0-9a-f]{16})_/.exec(value)?.[1] ?? value;
  const parsed = TokenIdSchema.safeParse(id);
  if (!parsed.success) throw new CliError(`ID ${parsed.error.issues[0]?.message ?? 'is invalid'}, got "${value}"`, 2);
  return parsed.data;
}

export function registerUsers(program: Command, context: () => CliContext): void {
  const user = program.command('user').description('people who may use the API, each with one role (viewer, sourcer, admin)');

  user
    .command('add <name>')
    .description('add a user with a role; then `atlas token create --user NAME` gives them a token')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--token', 'also create a token and print it (once)')
    .option('--json', 'print the user (and token) as JSON')
    .action(async (rawName: string, flags: { role: Role; token?: boolean; json?: boolean }) => {
      const name = parseUserName(rawName);
      const ctx = context();
      const result = await withDatabase(ctx, (db) =>
        asCli(async () => {
          const created = await addUser(db, { name, role: flags.role, now: new Date() });
          const token = flags.token ? await createUserToken(db, { user: created.id, now: new Date() }) : undefined;
          return { user: created, token };
        }),
      );
      ctx.info(`Added ${result.user.name} (${result.user.role}).`);
      if (result.token) ctx.info('The token is shown this once; it is stored only as a hash.');
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...result.user, ...(result.token && { token: result.token.token, tokenId: result.token.id }) })}\n`);
      else process.stdout.write(`${result.token?.token ?? result.user.id}\n`);
    });

  user
    .command('ls')
    .description('every user with their role and number of live tokens')
    .option('--json', 'print { "users": [...], "tokens": [...] }')
    .action(async (flags: { json?: boolean }) => {
      const all = await withDatabase(context(), listUsers);
      if (flags.json) process.stdout.write(`${JSON.stringify(all)}\n`);
      else for (const u of all.users) process.stdout.write(`${u.name}\t${u.role}\t${u.liveTokens} live token${u.liveTokens === 1 ? '' : 's'}\t${u.id}\n`);
    });

  const token = program.command('token').description('bearer tokens for the API: random, shown once, stored as scrypt hashes');

  token
    .command('create')
    .description("create a token for a user and print it once on stdout (the web client signs in with it)")
    .requiredOption('--user <name>', 'the user (name or id)')
    .option('--label <text>', 'what the token is for, e.g. "laptop"')
    .action(async (flags: { user: string; label?: string }) => {
      const ctx = context();
      const created = await withDatabase(ctx, (db) => asCli(() => createUserToken(db, { user: flags.user, label: flags.label ?? null, now: new Date() })));
      ctx.info(`Token ${created.id} for ${created.user.name} (${created.user.role}); it is shown this once and stored only as a hash.`);
      process.stdout.write(`${created.token}\n`);
    });

  token
    .command('revoke <id>')
    .description('revoke a token (its id, or the token itself); a running server stops accepting it within ATLAS_TOKEN_CACHE_S')
    .action(async (rawId: string) => {
      const id = parseTokenId(rawId);
      const ctx = context();
      const now = new Date();
      const revoked = await withDatabase(ctx, (db) => asCli(() => revokeUserToken(db, id, now)));
      // A revocation keeps its first time, so an earlier one means this run changed nothing.
      if (Date.parse(revoked.revokedAt) < now.getTime()) ctx.info(`Token ${revoked.id} of ${revoked.userName} was already revoked (${revoked.revokedAt}); nothing changed.`);
      else ctx.info(`Revoked token ${revoked.id} of ${revoked.userName}.`);
      process.stdout.write(`${revoked.id}\n`);
    });

  token
    .command('ls')
    .description('tokens (ids and dates, never secrets), newest first')
    .option('--user <name>', 'only this user’s')
    .option('--json', 'print a JSON array')
    .action(async (flags: { user?: string; json?: boolean }) => {
      const tokens = await withDatabase(context(), (db) => asCli(() => listTokens(db, flags.user)));
      if (flags.json) process.stdout.write(`${JSON.stringify(tokens)}\n`);
      else {
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : `live, last used ${t.lastUsedAt ?? 'never'}`;
          process.stdout.write(`${t.id}\t${t.userName}\t${t.role}\t${t.label ?? ''}\tcreated ${t.createdAt}\t${state}\n`);
        }
      }
    });
}
