/**
 * Imported first by the single sign-on tests: starts a real OpenID provider on loopback and turns both providers on
 * in the app's settings before anything reads them. The harness's requests come from http://127.0.0.1.
 */
import { startTestProvider } from "../support/oidc-provider";

export const provider = await startTestProvider();
Object.assign(process.env, provider.settings);
