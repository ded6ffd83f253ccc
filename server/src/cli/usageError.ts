/** Bad command-line usage or unreadable input: exit status 2. */
export class UsageError extends Error {}
