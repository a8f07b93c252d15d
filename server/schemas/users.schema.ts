import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';

/** Users and their access tokens, as the API and the CLI show them (never a hash or a secret). */

export const RoleSchema = z.enum(ROLES);

export const UserNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@+-]*$/u, 'must be letters, digits, spaces, ".", "_", "@", "+" or "-", starting with a letter or digit');

export const TokenIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'must be a token id: 16 hexadecimal characters (the part after `ta_`)');

export const MeSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, tokenId: z.string() });
export type Me = z.infer<typeof MeSchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  liveTokens: z.number().int().nonnegative(),
});
export type User = z.infer<typeof UserSchema>;

export const TokenSchema = z.object({
  id: z.string(),
  label: z.string().nullable(),
  userId: z.string(),
  userName: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Token = z.infer<typeof TokenSchema>;

export const UsersResponseSchema = z.object({ users: z.array(UserSchema), tokens: z.array(TokenSchema) });
export type UsersResponse = z.infer<typeof UsersResponseSchema>;

export const TokenParamsSchema = z.strictObject({ id: TokenIdSchema });

export const RevokedTokenSchema = z.object({ id: z.string(), userName: z.string(), revokedAt: z.string() });
