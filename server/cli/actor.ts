import os from 'node:os';

/** The CLI's user, as the audit trail names them. */
export function cliActor(): string {
  return `cli:${os.userInfo().username}`;
}

/** Where a CLI command runs, for the audit trail's "from where". */
export function cliOrigin(): string {
  return `cli:${os.hostname()}`;
}
