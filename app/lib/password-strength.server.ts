import { createRequire } from "node:module";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as Common from "@zxcvbn-ts/language-common";
import type * as English from "@zxcvbn-ts/language-en";
import { PERSONAL_DETAILS_WARNING, type StrengthEstimate } from "~/domain/password-policy";

/**
 * zxcvbn-ts estimates how many guesses a password would take, knowing the common and breached passwords, English
 * words and names, keyboard patterns, dates and repeats. Server only: its dictionaries are megabytes.
 */

/**
 * Bounds on the work one check can cost, as anyone with a set-password link can ask for checks. Matching time grows
 * steeply with length and with look-alike substitutions ("p@55w0rd"): 256 characters with the library's defaults
 * took seconds. A password whose first 64 characters are hard to guess is hard to guess, and 4 substitutions
 * still catch the usual disguises.
 */
const JUDGED_LENGTH = 64;
const MAX_LOOKALIKE_SUBSTITUTIONS = 4;

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use (about half a second), then kept: the dictionaries never change while the app runs. They are
 * loaded then too, not when the app starts (ADR 0023): about 34 MB of every server process, which most processes
 * never need, since only setting a password asks for them. `require` keeps the check synchronous, as zod's
 * refinements need; the packages' CommonJS builds hold the same data as their ES modules.
 */
function getEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const load = createRequire(import.meta.url);
  const common = load("@zxcvbn-ts/language-common") as typeof Common;
  const english = load("@zxcvbn-ts/language-en") as typeof English;
  estimator = new ZxcvbnFactory({
    // Plainer words than the library's for the one warning people meet most here.
    translations: {
      ...english.translations,
      warnings: { ...english.translations.warnings, userInputs: PERSONAL_DETAILS_WARNING },
    },
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    maxLength: JUDGED_LENGTH,
    l33tMaxSubstitutions: MAX_LOOKALIKE_SUBSTITUTIONS,
  });
  return estimator;
}

export function estimateStrength(password: string, contextWords: readonly string[]): StrengthEstimate {
  const result = getEstimator().check(password, [...contextWords]);
  return { score: result.score, warning: result.feedback.warning };
}
