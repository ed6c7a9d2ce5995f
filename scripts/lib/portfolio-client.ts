/**
 * A person using the app over HTTP as a browser without JavaScript would: signs in, posts the same forms, and
 * records each write the server acknowledged, with a unique token to look for in the database afterwards.
 */
import crypto from "node:crypto";

export const DEMO_PASSWORD = "care-portfolio-demo";

export interface Acknowledged {
  evidence: { title: string; sha256: string }[];
  cpd: string[];
  signoffs: string[];
}

export const emptyAcknowledged = (): Acknowledged => ({ evidence: [], cpd: [], signoffs: [] });

export class PortfolioClient {
  /** Cookies by name, as a browser keeps them: the session, and the success message a change sets beside it. */
  private cookies = new Map<string, string>();
  constructor(
    private baseUrl: string,
    readonly email: string,
    private readonly password = DEMO_PASSWORD,
  ) {}

  setServer(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private async post(path: string, body: FormData | URLSearchParams): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { Origin: this.baseUrl, Cookie: this.cookieHeader() },
    });
    this.keepCookies(response);
    return response;
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(this.baseUrl + path, { redirect: "manual", headers: { Cookie: this.cookieHeader() } });
    this.keepCookies(response);
    return response;
  }

  /** The Cookie header this person's requests carry, for tools that make their own requests as them. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  async signIn(): Promise<void> {
    const response = await this.post(
      "/sign-in",
      new URLSearchParams({ email: this.email, password: this.password, redirectTo: "/" }),
    );
    if (response.status !== 302) throw new Error(`${this.email} could not sign in (${response.status})`);
  }

  async personId(): Promise<number> {
    const response = await this.get("/account");
    const match = /\/people\/(\d+)\/personal-data/.exec(await response.text());
    if (!match) throw new Error(`no person id on the account page of ${this.email}`);
    return Number(match[1]);
  }

  /** New evidence with a unique PDF attached; acknowledged by the redirect to the new item. */
  async addEvidence(ack: Acknowledged, competencyId = "pc-1"): Promise<number | null> {
    const title = `Soak evidence ${crypto.randomUUID()}`;
    const pdf = new TextEncoder().encode(`%PDF-1.4\n% ${title}\n%%EOF\n`);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title,
      activityDate: "2026-01-05",
      type: "reflective-account",
      whatHappened: "Ran a group session.",
      whatLearned: "Smaller groups talk more.",
      whatNext: "Keep groups to six.",
      competencyIds: competencyId,
    }))
      form.append(k, v);
    form.append("files", new Blob([pdf], { type: "application/pdf" }), "session-notes.pdf");
    const response = await this.post("/evidence/new", form);
    const id = /^\/evidence\/(\d+)$/.exec(response.headers.get("location") ?? "")?.[1];
    if (response.status !== 302 || !id) return null;
    ack.evidence.push({ title, sha256: crypto.createHash("sha256").update(pdf).digest("hex") });
    return Number(id);
  }

  async addCpd(ack: Acknowledged, personId: number): Promise<void> {
    const activity = `Soak CPD ${crypto.randomUUID()}`;
    const body = new URLSearchParams({
      intent: "save",
      activity,
      activityDate: "2026-01-06",
      hours: "1.5",
      type: "formal-course",
      reflection: "Learned to plan with people.",
    });
    const response = await this.post(`/people/${personId}/cpd`, body);
    if (response.status === 302) ack.cpd.push(activity);
  }

  async moveEvidence(evidenceId: number, intent: "submit" | "accept"): Promise<boolean> {
    const path = `/evidence/${evidenceId}`;
    return savedAt(await this.post(path, new URLSearchParams({ intent })), path);
  }

  /** Signs a competency off, or withdraws the sign-off if it is signed off already; acknowledged by the redirect. */
  async toggleSignoff(ack: Acknowledged, personId: number, competencyId: string): Promise<void> {
    const comment = `Soak sign-off ${crypto.randomUUID()}`;
    const path = `/people/${personId}/competencies/${competencyId}`;
    for (const intent of ["sign-off", "withdraw"]) {
      const response = await this.post(path, new URLSearchParams({ intent, comment }));
      if (savedAt(response, path)) {
        ack.signoffs.push(comment);
        return;
      }
      if (response.status !== 400) return;
    }
  }
}

/** A change the app made answers with a redirect back to the page it was made on, carrying its success message. */
function savedAt(response: Response, path: string): boolean {
  return response.status === 302 && response.headers.get("location") === path;
}
