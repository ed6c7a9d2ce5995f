// oidc-provider 8 ships no types (and @types/oidc-provider is not installed): just what the test provider uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  interface KoaContext {
    path: string;
    body: unknown;
    /** The provider's view of the request, once it has parsed it. */
    oidc?: { body?: Record<string, unknown> };
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ params: { acr_values?: string } }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: { login?: { accountId: string; acr?: string } } & Record<string, unknown>,
      options?: Record<string, unknown>,
    ): Promise<void>;
  }
}
