import { Link } from "~/components/kit/Link";
import { Body, Heading, PlainList } from "~/components/kit/Text";

/** A page of the development hub: where it is under the person's address, and what it is for. */
export interface DevelopmentPage {
  /** The path under /people/:personId/. */
  path: string;
  label: string;
  description: string;
}

/** The hub's pages, in the order of the development loop. Add new development pages here. */
export const DEVELOPMENT_PAGES: readonly DevelopmentPage[] = [
  {
    path: "self-assessment",
    label: "Self-assessment",
    description: "Ratings on each competency against the proficiency scale, and the supervisor's confirmations.",
  },
  {
    path: "development-plan",
    label: "Development plan",
    description: "Goals for the appraisal year: what, why, how and by when, agreed with the supervisor.",
  },
  {
    path: "pathways",
    label: "Development pathways",
    description: "Specialist, management and entry routes: what each asks for, what is met and what is missing.",
  },
  {
    path: "appraisals",
    label: "Appraisals",
    description:
      "The annual appraisal with the line manager: the year in figures, the record both confirm, the objectives.",
  },
  {
    path: "induction",
    label: "Induction checklist",
    description: "What a new starter learns about their setting in their first weeks, ticked off as it is done.",
  },
];

/** Links to each development page of this person. */
export function DevelopmentHub({ personId }: { personId: number }) {
  return (
    <PlainList testId="development-hub">
      {DEVELOPMENT_PAGES.map((page) => (
        <li key={page.path}>
          <Heading level={2} size="s">
            <Link to={`/people/${personId}/${page.path}`}>{page.label}</Link>
          </Heading>
          <Body size="s">{page.description}</Body>
        </li>
      ))}
    </PlainList>
  );
}
