/**
 * A real OpenID provider for the tests: the certified `oidc-provider` library on a loopback port, with its own
 * development sign-in and consent pages (any login is accepted as that subject; the password is ignored). Two
 * clients: "nhsmail-test" authenticates with a client secret, "cis2-test" with a signed JWT (private_key_jwt).
 *
 * Like CIS2, the ID token's `acr` says which assurance class the sign-in met (what was asked, unless the account
 * says otherwise).
 *
 * `tamperIdToken` lets a test have the provider sign an ID token with claims it should never send (another audience,
 * an expiry in the past, a different nonce), so the app's checks are tried against a real, validly signed token.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { decodeJwt, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  /** Entra ID's optional "email domain owner verified" claim, sent instead of `email_verified`. */
  xms_edov?: boolean;
  name?: string;
  /** The `acr` the sign-in met: by default the first class asked for (as CIS2 answers); null for no `acr` at all. */
  acr?: string | null;
}

export interface TestProvider {
  issuer: string;
  /** Settings that turn both providers on in the app. */
  settings: Record<string, string>;
  accounts: Map<string, TestAccount>;
  tamperIdToken: ((claims: JWTPayload) => JWTPayload) | null;
  /** The claims of the last signed client assertion the token endpoint accepted (private_key_jwt). */
  lastClientAssertion: JWTPayload | null;
  stop: () => Promise<void>;
}

export const NHSMAIL_SECRET = "nhsmail-test-secret-that-is-long-enough-for-hs256-0123456789";

function rsaKeys(kid: string) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicJwk = { ...(publicKey.export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
  const privateJwk = { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
  return { privateKey, publicJwk, privateJwk };
}

/** Starts the provider for an app on http://127.0.0.1, on any port. */
export async function startTestProvider(): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signing = rsaKeys("provider-signing-key");
  const cis2Client = rsaKeys("care-portfolio-cis2-1");
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-oidc-key-"));
  const keyFile = path.join(keyDir, "cis2.pem");
  fs.writeFileSync(keyFile, cis2Client.privateKey.export({ type: "pkcs8", format: "pem" }));

  const accounts = new Map<string, TestAccount>();
  /** An account's claims: its `acr` belongs to each sign-in, not to the person. */
  const profileOf = (sub: string) => {
    const { acr: _acr, ...claims } = accounts.get(sub) ?? {};
    return claims;
  };
  // "native" only so the provider matches a loopback redirect URL on any port (RFC 8252): the app's port is its own.
  const client = (id: string) => ({
    application_type: "native",
    redirect_uris: [`http://127.0.0.1/auth/${id}/callback`],
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        ...client("nhsmail"),
        client_id: "nhsmail-test",
        client_secret: NHSMAIL_SECRET,
        token_endpoint_auth_method: "client_secret_post",
      },
      {
        ...client("cis2"),
        client_id: "cis2-test",
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: "RS256",
        jwks: { keys: [cis2Client.publicJwk] },
      },
    ],
    jwks: { keys: [signing.privateJwk] },
    cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified", "xms_edov"],
      profile: ["name"],
      nhsperson: [],
      associatedorgs: [],
    },
    acrValues: ["AAL2_OR_AAL3_ANY", "AAL3_ANY", "AAL2_ANY", "AAL1_USERPASS"],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...profileOf(sub) }) }),
    // The ID token carries the claims itself, as NHSmail's does, and the app reads only the ID token. (CIS2 gives
    // name and email from its UserInfo endpoint instead; the tests' CIS2 identities link by subject.)
    conformIdTokenClaims: false,
  });
  provider.proxy = false;

  const state: TestProvider = {
    issuer,
    accounts,
    tamperIdToken: null,
    lastClientAssertion: null,
    settings: {
      NHSMAIL_ISSUER: issuer,
      NHSMAIL_CLIENT_ID: "nhsmail-test",
      NHSMAIL_CLIENT_SECRET: NHSMAIL_SECRET,
      CIS2_ISSUER: issuer,
      CIS2_CLIENT_ID: "cis2-test",
      CIS2_PRIVATE_KEY_FILE: keyFile,
      CIS2_KEY_ID: "care-portfolio-cis2-1",
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };

  // Re-signs the ID token with the provider's own key after the claims are changed: a token the issuer really signed.
  const signingKey = await importJWK(signing.privateJwk, "RS256");
  provider.use(async (ctx, next) => {
    await next();
    const assertion = ctx.oidc?.body?.client_assertion;
    if (ctx.path === "/token" && typeof assertion === "string") state.lastClientAssertion = decodeJwt(assertion);
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !state.tamperIdToken || !body?.id_token) return;
    const claims = state.tamperIdToken(decodeJwt(body.id_token));
    body.id_token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: signing.privateJwk.kid })
      .sign(signingKey);
  });

  // The development sign-in page records no `acr`; a real provider records the class the authenticator met.
  const finishInteraction = provider.interactionFinished.bind(provider);
  provider.interactionFinished = async (req, res, result, options) => {
    if (result.login) {
      const asked = (await provider.interactionDetails(req, res)).params.acr_values?.split(" ")[0];
      const told = accounts.get(result.login.accountId)?.acr;
      const acr = told === undefined ? asked : told;
      if (acr) result.login.acr = acr;
    }
    return finishInteraction(req, res, result, options);
  };

  server.on("request", provider.callback());
  return state;
}

/** A browser's cookie jar, reduced to what a redirect chain through the provider needs. */
class Jar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Follows the provider's pages as a person would, signing in as `login` and agreeing to share (or, with `deny`,
 * cancelling), and returns the URL the provider sends the browser back to.
 */
export async function answerAtProvider(authorizationUrl: string, login: string, deny = false): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const response: Response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        Cookie: jar.header(),
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ?? undefined,
    });
    jar.store(response);
    form = null;
    const location = response.headers.get("Location");
    if (location) {
      url = new URL(location, url);
      if (url.origin !== new URL(authorizationUrl).origin) return url;
      continue;
    }
    const page: string = await response.text();
    if (deny) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    form = new URLSearchParams(
      page.includes('name="login"') ? { prompt: "login", login, password: "x" } : { prompt: "consent" },
    );
  }
  throw new Error("the provider never sent the browser back");
}
