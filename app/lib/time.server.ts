/** The current instant as stored in the database (ISO-8601 UTC). One place so tests can reason about it. */
export function nowIso(): string {
  return new Date().toISOString();
}
