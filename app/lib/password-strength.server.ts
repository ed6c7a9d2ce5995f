import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { PERSONAL_DETAILS_WARNING, type StrengthEstimate } from "~/domain/password-policy";

/**
 * zxcvbn-ts estimates how many guesses a password would take, knowing the common and breached passwords, English
 * words and names, keyboard patterns, dates and repeats. Server only: its dictionaries are megabytes.
 */

// Plainer words than the library's for the one warning people meet most here.
const translations = {
  ...english.translations,
  warnings: { ...english.translations.warnings, userInputs: PERSONAL_DETAILS_WARNING },
};

/**
 * Bounds on the work one check can cost, as anyone with a set-password link can ask for checks. Matching time grows
 * steeply with length and with look-alike substitutions ("p@55w0rd"): 256 characters with the library's defaults
 * took seconds. A password whose first 64 characters are hard to guess is hard to guess, and 4 substitutions
 * still catch the usual disguises.
 */
const JUDGED_LENGTH = 64;
const MAX_LOOKALIKE_SUBSTITUTIONS = 4;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use (about half a second), then kept: the dictionaries never change while the app runs. */
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
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
