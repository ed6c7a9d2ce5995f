import { ContentError, getContent } from "../app/content/index.server";
import { env, EnvError } from "../app/lib/env.server";

/**
 * Problems a deployment can fix, worded for whoever starts the server, so start-up stops with a plain message rather
 * than a page failing later. Null when the settings and the content files are sound.
 */
export function startupProblem(): string | null {
  try {
    env();
    getContent();
    return null;
  } catch (error) {
    if (error instanceof EnvError) return `Care Portfolio cannot start: a setting is wrong.\n${error.message}`;
    if (error instanceof ContentError)
      return `Care Portfolio cannot start: the content files have problems.\n${error.message}`;
    throw error;
  }
}
