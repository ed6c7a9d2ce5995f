import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import * as attachmentRoute from "~/routes/attachments.$attachmentId";
import * as competencyPage from "~/routes/people.$personId.competencies.$competencyId";
import * as evidenceEdit from "~/routes/evidence.$evidenceId.edit";
import * as evidencePage from "~/routes/evidence.$evidenceId._index";
import * as evidenceNew from "~/routes/evidence.new";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as portfolio from "~/routes/people.$personId.portfolio";
import * as review from "~/routes/review";
import * as home from "~/routes/_index";
import { attachmentPath } from "~/models/attachment.server";
import { getDb } from "~/lib/db.server";
import { makeArrangement, makePerson, makeTeam } from "../../scripts/lib/factories";
import { type EvidenceOutcome, makeEvidence } from "../../scripts/lib/factories/evidence";
import { cookieFor, load, submit, submitMultipart } from "./harness";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
const c: Record<string, string> = {};

beforeAll(async () => {
  team = await makeTeam(getDb());
  other = await makeTeam(getDb());
  const secondSupervisor = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["supervisor"], jobRole: null });
  for (const [k, id] of Object.entries({
    owner: team.coordinator.id,
    supervisor: team.supervisor.id,
    lead: team.lead.id,
    colleague: team.colleague.id,
    otherSupervisor: secondSupervisor.id,
    otherLead: other.lead.id,
  })) {
    c[k] = await cookieFor(id);
  }
});

function evidenceForm(fields: Partial<Record<string, string | string[]>> = {}, files: File[] = []) {
  const form = new FormData();
  const base: Record<string, string | string[]> = {
    title: "Arranging an MDT for a complex discharge",
    activityDate: "2026-10-14",
    type: "reflective-account",
    whatHappened: "I brought the GP, district nurse and social worker together to plan support at home.",
    whatLearned: "Agreeing one plan early stopped people repeating their story.",
    whatNext: "I will send the draft plan round before the meeting next time.",
    competencyIds: ["pc-1", "com-1"],
    ...fields,
  } as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(base)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  for (const f of files) form.append("files", f);
  return form;
}

const evidenceCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("evidence_items")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const attachmentCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("attachments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const idFrom = (location: string | null) => Number(location!.split("/").pop());
const params = (id: number) => ({ params: { evidenceId: String(id) } });

describe("the review workflow, end to end through the routes", () => {
  it("draft → submitted → returned → amended → submitted → accepted → signed off, each step by the right person only", async () => {
    const created = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({}, [new File([PDF], "MDT notes.pdf")]),
      { cookie: c.owner },
    );
    expect(created.status).toBe(302);
    const id = idFrom(created.location);
    const page = () => load(evidencePage.loader, `/evidence/${id}`, { cookie: c.owner, ...params(id) });
    expect((await page()).data).toMatchObject({ status: "draft", actions: expect.arrayContaining(["edit", "submit"]) });
    expect((await page()).data.current.attachments[0]).toMatchObject({
      fileName: "MDT-notes.pdf",
      mime: "application/pdf",
    });

    // A draft never submitted is the owner's alone: the supervisor cannot see, review or submit it.
    expect((await load(evidencePage.loader, `/evidence/${id}`, { cookie: c.supervisor, ...params(id) })).status).toBe(
      404,
    );
    expect(
      (
        await submit(
          evidencePage.action,
          `/evidence/${id}`,
          { intent: "accept" },
          { cookie: c.supervisor, ...params(id) },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await submit(
          evidencePage.action,
          `/evidence/${id}`,
          { intent: "submit" },
          { cookie: c.supervisor, ...params(id) },
        )
      ).status,
    ).toBe(404);
    expect(
      (await submit(evidencePage.action, `/evidence/${id}`, { intent: "submit" }, { cookie: c.owner, ...params(id) }))
        .flash,
    ).toEqual({ message: "Submitted for review" });

    // The review queue shows it to the designated supervisor only.
    expect(
      (await load(review.loader, "/review", { cookie: c.supervisor })).data.queue.map((q: { id: number }) => q.id),
    ).toContain(id);
    expect((await load(review.loader, "/review", { cookie: c.otherSupervisor })).data.queue).toEqual([]);

    // Returning needs a comment; a supervisor who is not designated cannot even see it; the lead sees but cannot review.
    const noComment = await submit(
      evidencePage.action,
      `/evidence/${id}`,
      { intent: "return", comment: "  " },
      { cookie: c.supervisor, ...params(id) },
    );
    expect(noComment.data.errors.comment).toBe("Enter a comment explaining what needs to change.");
    expect(
      (
        await submit(
          evidencePage.action,
          `/evidence/${id}`,
          { intent: "accept" },
          { cookie: c.otherSupervisor, ...params(id) },
        )
      ).status,
    ).toBe(404);
    expect(
      (await submit(evidencePage.action, `/evidence/${id}`, { intent: "accept" }, { cookie: c.lead, ...params(id) }))
        .status,
    ).toBe(400);
    expect(
      (
        await submit(
          evidencePage.action,
          `/evidence/${id}`,
          { intent: "return", comment: "Say what the person wanted from the plan." },
          { cookie: c.supervisor, ...params(id) },
        )
      ).flash,
    ).toEqual({ message: "Returned with your comments" });

    // Amending a returned item keeps version 1 as the reviewer saw it.
    const amended = await submitMultipart(
      evidenceEdit.action,
      `/evidence/${id}/edit`,
      evidenceForm({
        whatHappened: "The person wanted to stay at home with their cat; the plan started there.",
        attachmentIds: [],
      }),
      { cookie: c.owner, ...params(id) },
    );
    expect(amended.status).toBe(302);
    let data = (await page()).data;
    expect(data.current.version).toBe(2);
    expect(data.earlier[0].whatHappened).toMatch(/^I brought the GP/);
    expect(data.current.attachments).toEqual([]);
    expect(data.reviews.map((r: { action: string; version: number }) => `${r.action}@${r.version}`)).toEqual([
      "submit@1",
      "return@1",
    ]);

    await submit(evidencePage.action, `/evidence/${id}`, { intent: "submit" }, { cookie: c.owner, ...params(id) });
    const cannotSignYet = await submit(
      competencyPage.action,
      `/people/${team.coordinator.id}/competencies/pc-1`,
      { intent: "sign-off", comment: "Good" },
      { cookie: c.supervisor, params: { personId: String(team.coordinator.id), competencyId: "pc-1" } },
    );
    expect(cannotSignYet.data.errors.form).toMatch(/Accept at least one piece of evidence/);
    await submit(
      evidencePage.action,
      `/evidence/${id}`,
      { intent: "accept", comment: "Clear and person-centred." },
      { cookie: c.supervisor, ...params(id) },
    );
    data = (await page()).data;
    expect(data.status).toBe("accepted");
    expect(data.actions).toEqual(["amend"]);

    // Sign-off: not by the owner, not by the lead, yes by the designated supervisor with a comment.
    const signParams = { params: { personId: String(team.coordinator.id), competencyId: "pc-1" } };
    const signOff = (cookie: string | undefined, comment: string) =>
      submit(competencyPage.action, "/x", { intent: "sign-off", comment }, { cookie, ...signParams });
    expect((await signOff(c.owner, "Mine")).status).toBe(404);
    expect((await signOff(c.lead, "Lead")).status).toBe(404);
    expect((await signOff(c.supervisor, "")).data.errors.comment).toBe("Enter a comment");
    expect((await signOff(c.supervisor, "Consistently works from what matters to the person.")).flash).toEqual({
      message: "Competency signed off",
    });

    const matrix = (
      await load(portfolio.loader, `/people/${team.coordinator.id}/portfolio`, {
        cookie: c.lead,
        params: { personId: String(team.coordinator.id) },
      })
    ).data.matrix;
    const cell = (id: string) =>
      matrix.flatMap((a: { competencies: unknown[] }) => a.competencies).find((x: { id: string }) => x.id === id);
    expect(cell("pc-1")).toMatchObject({
      status: "signed-off",
      evidenceCount: 1,
      acceptedCount: 1,
      signedOffBy: expect.any(String),
    });
    expect(cell("com-1")).toMatchObject({ status: "developing", evidenceCount: 1 });
    expect(cell("rel-1")).toMatchObject({ status: "not-started", evidenceCount: 0 });

    // Accepted evidence is never edited in place: amending makes version 3, a draft, and version 2 stays accepted.
    await submitMultipart(
      evidenceEdit.action,
      `/evidence/${id}/edit`,
      evidenceForm({ title: "Arranging an MDT (updated)" }),
      { cookie: c.owner, ...params(id) },
    );
    data = (await page()).data;
    expect(data).toMatchObject({ status: "draft", current: { version: 3, title: "Arranging an MDT (updated)" } });
    expect(data.earlier.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(cell("pc-1").status).toBe("signed-off");

    // Withdrawing a sign-off needs a reason and appends; the original sign-off row is untouched.
    const noReason = await submit(
      competencyPage.action,
      "/x",
      { intent: "withdraw", comment: "" },
      { cookie: c.supervisor, ...signParams },
    );
    expect(noReason.data.errors.comment).toBe("Enter the reason for withdrawing the sign-off");
    await submit(
      competencyPage.action,
      "/x",
      { intent: "withdraw", comment: "Signed off against the wrong competency." },
      { cookie: c.supervisor, ...signParams },
    );
    const rows = await getDb()
      .selectFrom("competency_signoffs")
      .select(["action", "comment"])
      .where("user_id", "=", team.coordinator.id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { action: "sign-off", comment: "Consistently works from what matters to the person." },
      { action: "withdraw", comment: "Signed off against the wrong competency." },
    ]);
    await expect(getDb().updateTable("competency_signoffs").set({ comment: "rewritten" }).execute()).rejects.toThrow(
      /immutable/,
    );
  });

  it("only the owner may edit; others get 404 on the edit page and on a guessed id", async () => {
    const created = await submitMultipart(evidenceNew.action, "/evidence/new", evidenceForm(), { cookie: c.owner });
    const id = idFrom(created.location);
    for (const who of ["supervisor", "lead", "colleague", "otherLead"]) {
      expect(
        (await load(evidenceEdit.loader, `/evidence/${id}/edit`, { cookie: c[who], ...params(id) })).status,
        who,
      ).toBe(404);
    }
    for (const who of ["colleague", "otherLead", "otherSupervisor"]) {
      expect((await load(evidencePage.loader, `/evidence/${id}`, { cookie: c[who], ...params(id) })).status, who).toBe(
        404,
      );
    }
    expect((await load(evidencePage.loader, "/evidence/99999", { cookie: c.owner, ...params(99999) })).status).toBe(
      404,
    );
    const listAsColleague = await load(evidenceList.loader, `/people/${team.coordinator.id}/evidence`, {
      cookie: c.colleague,
      params: { personId: String(team.coordinator.id) },
    });
    expect(listAsColleague.status).toBe(404);
  });
});

describe("uploads", () => {
  const refusals: [string, File, string][] = [
    [
      "text with a .pdf name",
      new File(["just some text, not a PDF"], "report.pdf"),
      "The selected file must be a PDF, PNG, JPEG or DOCX",
    ],
    ["an empty file", new File([], "empty.pdf"), "The selected file is empty"],
    [
      "a file over 10MB",
      new File([PDF, new Uint8Array(10 * 1024 * 1024)], "big.pdf"),
      "The selected file must be smaller than 10MB",
    ],
    [
      "a name with ../",
      new File([PDF], "../../etc/passwd.pdf"),
      "The file name must not contain slashes, two dots in a row or hidden characters",
    ],
    [
      "a name with a control character",
      new File([PDF], "notes\u0007.pdf"),
      "The file name must not contain slashes, two dots in a row or hidden characters",
    ],
    [
      "a double extension hiding a program",
      new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], "cv.pdf.exe"),
      "The selected file must be a PDF, PNG, JPEG or DOCX",
    ],
    [
      "a PDF named as a Word file",
      new File([PDF], "letter.docx"),
      "The selected file is a PDF, so its name must end in .pdf",
    ],
  ];

  it.each(refusals)(
    "%s is refused with a message, nothing is saved, and the typed fields come back",
    async (_label, file, message) => {
      const [items, files] = [await evidenceCount(), await attachmentCount()];
      const outcome = await submitMultipart(evidenceNew.action, "/evidence/new", evidenceForm({}, [file]), {
        cookie: c.owner,
      });
      expect(outcome.status).toBe(400);
      expect(outcome.data.errors.files).toBe(`${message}. Choose the file again`);
      expect(outcome.data.values).toMatchObject({
        title: "Arranging an MDT for a complex discharge",
        activityDate: "2026-10-14",
        competencyIds: ["pc-1", "com-1"],
      });
      expect([await evidenceCount(), await attachmentCount()]).toEqual([items, files]);
    },
  );

  it("a good file is stored by its SHA-256 under the data directory and kept when another field is wrong", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const outcome = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({ title: "" }, [new File([png], "Feedback from Mrs Jones.png")]),
      { cookie: c.owner },
    );
    expect(outcome.data.errors).toEqual({ title: "Enter a title" });
    expect(outcome.data.attachments).toHaveLength(1);
    const stored = outcome.data.attachments[0];
    expect(stored.fileName).toBe("Feedback-from-Mrs-Jones.png");
    const file = attachmentPath(process.env.DATA_DIR!, stored.sha256);
    expect(fs.readFileSync(file)).toEqual(Buffer.from(png));
    expect(file).not.toContain("Jones");
    // Submitting again with the kept id attaches it without re-uploading.
    const retry = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({ attachmentIds: outcome.data.values.attachmentIds }),
      { cookie: c.owner },
    );
    expect(retry.status).toBe(302);
    const item = await load(evidencePage.loader, retry.location!, {
      cookie: c.owner,
      ...params(idFrom(retry.location)),
    });
    expect(item.data.current.attachments.map((a: { id: number }) => a.id)).toEqual([stored.id]);
  });

  it("someone else's attachment id in the form is ignored", async () => {
    const theirs = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({}, [new File([PDF], "theirs.pdf")]),
      { cookie: await cookieFor(team.colleague.id) },
    );
    const theirId = (
      await getDb()
        .selectFrom("attachments")
        .select("id")
        .where("owner_id", "=", team.colleague.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(theirs.status).toBe(302);
    const mine = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({ attachmentIds: [String(theirId)] }),
      { cookie: c.owner },
    );
    const item = await load(evidencePage.loader, mine.location!, { cookie: c.owner, ...params(idFrom(mine.location)) });
    expect(item.data.current.attachments).toEqual([]);
  });

  it("downloads go only to people who may see the portfolio, as an attachment with a safe name", async () => {
    const created = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({}, [new File([PDF], 'Plan "final".pdf')]),
      { cookie: c.owner },
    );
    const item = await load(evidencePage.loader, created.location!, {
      cookie: c.owner,
      ...params(idFrom(created.location)),
    });
    const attachment = item.data.current.attachments[0];
    const get = (who: string) =>
      attachmentRoute
        .loader({
          request: new Request(`http://127.0.0.1/attachments/${attachment.id}`, { headers: { Cookie: c[who]! } }),
          params: { attachmentId: String(attachment.id) },
          context: {},
        })
        .catch((r: Response) => r);
    // In a draft never submitted, the file is the owner's alone.
    expect((await get("owner")).status).toBe(200);
    for (const who of ["supervisor", "lead"]) expect((await get(who)).status, who).toBe(404);
    await submit(
      evidencePage.action,
      created.location!,
      { intent: "submit" },
      { cookie: c.owner, ...params(idFrom(created.location)) },
    );
    for (const who of ["owner", "supervisor", "lead"]) {
      const res = await get(who);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="Plan-final.pdf"');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    }
    for (const who of ["colleague", "otherLead", "otherSupervisor"]) expect((await get(who)).status, who).toBe(404);
  });
});

describe("patient data guard", () => {
  it("stops a likely NHS number until the author confirms, and records the confirmation", async () => {
    const text = { whatHappened: "Met the patient (NHS number 943 476 5919) at SW1A 1AA to plan their support." };
    const before = await evidenceCount();
    const flagged = await submitMultipart(evidenceNew.action, "/evidence/new", evidenceForm(text), { cookie: c.owner });
    expect(flagged.status).toBe(400);
    expect(flagged.data.errors.confirmNotPatientData).toMatch(/confirm this is not patient data/);
    expect(flagged.data.patientDataFindings.join(" ")).toMatch(/943 476 5919.*NHS number/);
    expect(flagged.data.patientDataFindings.join(" ")).toMatch(/SW1A 1AA/);
    expect(await evidenceCount()).toBe(before);

    const confirmed = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({ ...text, confirmNotPatientData: "yes" }),
      { cookie: c.owner },
    );
    expect(confirmed.status).toBe(302);
    const item = await load(evidencePage.loader, confirmed.location!, {
      cookie: c.owner,
      ...params(idFrom(confirmed.location)),
    });
    expect(item.data.current.patientDataConfirmedAt).toEqual(expect.any(String));
    expect(item.data.current.patientDataFindings).toHaveLength(2);
  });

  it("does not flag a 10-digit number whose check digit is wrong", async () => {
    const outcome = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      evidenceForm({ whatHappened: "Reference 9434765918 from the referral system." }),
      { cookie: c.owner },
    );
    expect(outcome.status).toBe(302);
  });
});

describe("evidence form validation", () => {
  it("names every missing or wrong field and saves nothing", async () => {
    const before = await evidenceCount();
    const form = new FormData();
    form.append("activityDate", "2999-01-01");
    form.append("competencyIds", "not-a-competency");
    const outcome = await submitMultipart(evidenceNew.action, "/evidence/new", form, { cookie: c.owner });
    expect(outcome.data.errors).toMatchObject({
      title: "Enter a title",
      activityDate: "The date of the activity must be today or in the past",
      type: "Select the type of evidence",
      whatHappened: "Enter what happened",
      competencyIds: "Select competencies from the list",
    });
    expect(await evidenceCount()).toBe(before);
  });

  it("lists, filters and searches the current versions", async () => {
    const supervisee = await makePerson(getDb(), { pcnId: team.pcn.id });
    await makeArrangement(getDb(), supervisee, team.supervisor.id);
    const cookie = await cookieFor(supervisee.id);
    const created = [
      await submitMultipart(
        evidenceNew.action,
        "/evidence/new",
        evidenceForm({
          title: "Peer feedback on a home visit",
          type: "feedback",
          competencyIds: ["rel-1"],
          activityDate: "2026-06-01",
        }),
        { cookie },
      ),
      await submitMultipart(
        evidenceNew.action,
        "/evidence/new",
        evidenceForm({
          title: "Safeguarding referral reflection",
          competencyIds: ["pc-1"],
          activityDate: "2026-09-01",
        }),
        { cookie },
      ),
    ];
    const list = (q: string) =>
      load(evidenceList.loader, `/people/${supervisee.id}/evidence${q}`, {
        cookie: c.supervisor,
        params: { personId: String(supervisee.id) },
      });
    // Drafts never submitted are not listed to the supervisor; the owner sees them.
    expect((await list("")).data.total).toBe(0);
    const own = await load(evidenceList.loader, `/people/${supervisee.id}/evidence`, {
      cookie,
      params: { personId: String(supervisee.id) },
    });
    expect(own.data.total).toBe(2);
    for (const { location } of created)
      await submit(evidencePage.action, location!, { intent: "submit" }, { cookie, ...params(idFrom(location)) });
    expect((await list("")).data.items.map((i: { title: string }) => i.title)).toEqual([
      "Safeguarding referral reflection",
      "Peer feedback on a home visit",
    ]);
    expect((await list("?type=feedback")).data.items.map((i: { title: string }) => i.title)).toEqual([
      "Peer feedback on a home visit",
    ]);
    expect((await list("?competency=pc-1")).data.total).toBe(1);
    expect((await list("?from=2026-07-01&to=2026-12-31")).data.total).toBe(1);
    expect((await list("?q=SAFEGUARDING")).data.total).toBe(1);
    expect((await list("?status=accepted")).data.total).toBe(0);
  });
});

describe("evidence sent back", () => {
  it("evidence sent back shows on the owner's home page with the supervisor's comment", async () => {
    const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
    const id = await makeEvidence(
      getDb(),
      owner,
      {
        title: "Sent back",
        type: "other",
        whatHappened: "a",
        whatLearned: "b",
        whatNext: "c",
        competencyIds: ["pc-2"],
      },
      {
        outcome: "returned",
        reviewerId: team.supervisor.id,
        comment: "Add what you learned.",
        frameworkVersion: "test",
      },
    );
    const homePage = await load(home.loader, "/", { cookie: await cookieFor(owner.id) });
    expect(homePage.data.returned).toContainEqual({ id, title: "Sent back", comment: "Add what you learned." });
  });
});

describe("the evidence factory", () => {
  it.each<EvidenceOutcome>(["draft", "submitted", "returned", "accepted"])(
    "leaves evidence made %s in that state, moved there through the workflow",
    async (outcome) => {
      const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
      const id = await makeEvidence(getDb(), owner, {}, { outcome, reviewerId: team.supervisor.id });
      const row = await getDb()
        .selectFrom("evidence_items")
        .select("status")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe(outcome);
      const reviews = await getDb()
        .selectFrom("evidence_reviews")
        .select("action")
        .where("evidence_id", "=", id)
        .orderBy("id")
        .execute();
      expect(reviews.map((r) => r.action)).toEqual(
        { draft: [], submitted: ["submit"], returned: ["submit", "return"], accepted: ["submit", "accept"] }[outcome],
      );
    },
  );

  it("refuses to make evidence reviewed by nobody", async () => {
    const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
    await expect(makeEvidence(getDb(), owner, {}, { outcome: "accepted" })).rejects.toThrow(/needs a reviewerId/);
  });
});

describe("files on the evidence form", () => {
  it("a file still selected after a form error is attached once, not twice", async () => {
    const cookie = await cookieFor(team.coordinator.id);
    const form = (title: string, keep: string[] = []) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({
        title,
        activityDate: "2026-10-01",
        type: "other",
        whatHappened: "a",
        whatLearned: "b",
        whatNext: "c",
        competencyIds: "pc-1",
      }))
        f.append(k, v);
      for (const id of keep) f.append("attachmentIds", id);
      f.append("files", new File([new TextEncoder().encode("%PDF-1.4 same file")], "notes.pdf"));
      return f;
    };
    const first = await submitMultipart(evidenceNew.action, "/evidence/new", form(""), { cookie });
    expect(first.data.errors).toEqual({ title: "Enter a title" });
    const again = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      form("Now with a title", first.data.values.attachmentIds),
      { cookie },
    );
    expect(again.status).toBe(302);
    const id = Number(again.location!.split("/").pop());
    const links = await getDb()
      .selectFrom("evidence_versions")
      .innerJoin("evidence_version_attachments", "evidence_version_attachments.version_id", "evidence_versions.id")
      .select("attachment_id")
      .where("evidence_id", "=", id)
      .execute();
    expect(links).toHaveLength(1);
  });

  it("a file upload that does not say how big it is is refused before it is read", async () => {
    const form = new FormData();
    form.append("title", "x");
    // A FormData body is streamed without a Content-Length, which a browser never does.
    const request = new Request("http://127.0.0.1/evidence/new", {
      method: "POST",
      body: form,
      headers: { Cookie: await cookieFor(team.coordinator.id) },
    });
    const res = (await evidenceNew.action({ request, params: {}, context: {} }).catch((r) => r)) as Response;
    expect(res.status).toBe(411);
  });
});
