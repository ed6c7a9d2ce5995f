import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CompetencyMatrix } from "~/components/CompetencyMatrix";
import { ReadinessPanel, TeamReadinessPanel } from "~/components/ReadinessPanel";
import { SupervisionConfirmationsPanel } from "~/components/SupervisionConfirmations";
import { OwnSupervisionPanel, SupervisionDuePanel } from "~/components/SupervisionDuePanel";
import { TrainingExpiryPanel } from "~/components/TrainingExpiryPanel";
import { todayInLondon } from "~/domain/training-status";
import {
  expiringTrainingFor,
  readinessFor,
  supervisionDueFor,
  visibleStaff,
} from "~/services/compliance-readiness.server";
import {
  canBulkVerify,
  canListPeople,
  canManagePcns,
  canReviewAnything,
  canViewDashboard,
  keepsPortfolio,
  looksAfterTeam,
} from "~/domain/permissions";
import { returnedEvidence, reviewQueue } from "~/models/evidence.server";
import { meetingsAwaitingConfirmation } from "~/models/supervision.server";
import { currentUser, mustEnrolSecondFactor } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { matrixFor } from "~/services/portfolio-page.server";
import { pageTitle } from "~/lib/page-title";
import { PageHeading, PlainList } from "~/components/kit/Text";
import { ButtonGroup, ButtonLink } from "~/components/kit/Button";
import { Card } from "~/components/kit/Card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.signedIn ? pageTitle(data.matrix ? "My portfolio" : "Home") : pageTitle() },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, context);
  if (!user) return { signedIn: false as const };
  if (mustEnrolSecondFactor(user)) throw redirect("/account/two-factor");
  const { viewer, person } = user;
  const db = getDb();
  const supervising = canReviewAnything(viewer);
  const today = todayInLondon(new Date());
  // Everyone with a job role this viewer looks after (not themself): supervisees for a supervisor, the PCN for a lead.
  const team = looksAfterTeam(viewer) ? (await visibleStaff(db, viewer)).filter((p) => p.id !== person.id) : [];
  const [ownReadiness] = person.jobRole
    ? await readinessFor(db, [{ id: person.id, name: person.name, jobRole: person.jobRole }], today)
    : [];
  const [ownSupervision] = person.jobRole
    ? await supervisionDueFor(db, [{ id: person.id, name: person.name, jobRole: person.jobRole }], today)
    : [];
  const ownExpiries = person.jobRole
    ? await expiringTrainingFor(db, [{ id: person.id, name: person.name, jobRole: person.jobRole }], today)
    : [];
  return {
    signedIn: true as const,
    ownReadiness: ownReadiness ?? null,
    ownSupervision: ownSupervision ?? null,
    teamReadiness: team.length ? await readinessFor(db, team, today) : null,
    supervisionDue: team.length ? await supervisionDueFor(db, team, today) : [],
    ownExpiries,
    teamExpiries: team.length ? await expiringTrainingFor(db, team, today) : [],
    canBulkVerify: canBulkVerify(viewer),
    id: person.id,
    name: person.name,
    pcnName: person.pcnName,
    matrix: keepsPortfolio(viewer) ? await matrixFor(viewer, person.id) : null,
    returned: keepsPortfolio(viewer) ? await returnedEvidence(db, person.id) : [],
    meetingsToConfirm: supervising ? await meetingsAwaitingConfirmation(db, viewer.id, viewer.superviseeIds) : [],
    reviewCount: supervising ? (await reviewQueue(db, viewer.superviseeIds, { page: 1, pageSize: 1 })).total : null,
    supervisees: team.filter((p) => viewer.superviseeIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    // The same predicates the pages guard with, so no link here answers "not found".
    links: { dashboard: canViewDashboard(viewer), people: canListPeople(viewer), pcns: canManagePcns(viewer) },
  };
}

function SignedOut() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Care Portfolio</h1>
        <p className="nhsuk-lede-text">
          Keep the competency portfolio, training and CPD of care coordinators, health and wellbeing coaches and social
          prescribing link workers in one place.
        </p>
        <ul>
          <li>
            Staff record evidence against the four areas of the competency framework, their training and their CPD.
          </li>
          <li>Supervisors review evidence, record supervision and sign off competencies.</li>
          <li>PCN leads check training compliance and readiness to take referrals.</li>
        </ul>
        <ButtonLink to="/sign-in">Sign in</ButtonLink>
      </div>
    </div>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (!data.signedIn) return <SignedOut />;
  return (
    <>
      <PageHeading caption={data.pcnName ?? "Care Portfolio"}>
        {data.matrix ? "My portfolio" : `Welcome, ${data.name}`}
      </PageHeading>
      {data.returned.length ? (
        <Card heading="Evidence returned to you" warning testId="returned-evidence">
          <PlainList>
            {data.returned.map((e) => (
              <li key={e.id}>
                <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                {e.comment ? <span className="app-prewrap">: “{e.comment}”</span> : null}
              </li>
            ))}
          </PlainList>
        </Card>
      ) : null}
      {data.ownReadiness ? <ReadinessPanel readiness={data.ownReadiness} own /> : null}
      {data.ownSupervision ? <OwnSupervisionPanel supervision={data.ownSupervision} /> : null}
      <TrainingExpiryPanel people={data.ownExpiries} own />
      {data.teamReadiness ? (
        <TeamReadinessPanel people={data.teamReadiness} canBulkVerify={data.canBulkVerify} />
      ) : null}
      <TrainingExpiryPanel people={data.teamExpiries} />
      <SupervisionDuePanel people={data.supervisionDue} />
      <SupervisionConfirmationsPanel meetings={data.meetingsToConfirm} />
      {data.reviewCount !== null ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">Supervision</h2>
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <p className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/review">
                  {data.reviewCount} {data.reviewCount === 1 ? "piece" : "pieces"} of evidence to review
                </Link>
              </p>
            </div>
          </div>
          {data.supervisees.length ? (
            <>
              <h3>People you supervise</h3>
              <PlainList>
                {data.supervisees.map((s) => (
                  <li key={s.id}>
                    <Link to={`/people/${s.id}`}>{s.name}</Link> ·{" "}
                    <Link to={`/people/${s.id}/portfolio`}>competencies</Link> ·{" "}
                    <Link to={`/people/${s.id}/supervision`}>supervision record</Link>
                  </li>
                ))}
              </PlainList>
            </>
          ) : (
            <p>You are not anyone's designated supervisor yet.</p>
          )}
        </section>
      ) : null}
      {data.links.dashboard || data.links.people ? (
        <PlainList>
          {data.links.dashboard ? (
            <li>
              <Link to="/dashboard">Training compliance and readiness dashboard</Link>
            </li>
          ) : null}
          {data.links.people ? (
            <li>
              <Link to="/people">People</Link>
            </li>
          ) : null}
          {data.links.pcns ? (
            <li>
              <Link to="/admin/pcns">Primary Care Networks</Link>
            </li>
          ) : null}
        </PlainList>
      ) : null}
      {data.matrix ? (
        <section aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="nhsuk-u-visually-hidden">
            Competencies
          </h2>
          <ButtonGroup>
            <ButtonLink to="/evidence/new">Add evidence</ButtonLink>
            <ButtonLink variant="secondary" to={`/people/${data.id}/export`}>
              Download portfolio (PDF)
            </ButtonLink>
          </ButtonGroup>
          <CompetencyMatrix matrix={data.matrix} personId={data.id} />
        </section>
      ) : null}
    </>
  );
}
