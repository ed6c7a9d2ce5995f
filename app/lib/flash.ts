/** A success message carried across the redirect that follows a post, shown once as a notification banner. */
export interface Flash {
  /** What happened: the banner's heading. */
  message: string;
  /** A sentence more, under the heading. */
  detail?: string;
  /** Text the reader needs to copy (a link), shown on its own line; testId names it for tests. */
  copy?: { text: string; testId: string };
}
