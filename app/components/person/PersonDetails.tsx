import { Link } from "~/components/kit/Link";
import { SummaryList } from "~/components/SummaryList";
import { formatDate } from "~/domain/format";

interface PersonFacts {
  id: number;
  email: string;
  staffNumber: string | null;
  jobRoleTitle: string | null;
  fte: number | null;
  startDate: string | null;
  roleLabels: string[];
  hasPassword: boolean;
  totpEnabled: boolean;
}

/** Who the person is and how they sign in; someone who manages them may change the details. */
export function PersonDetails({ person, canManage }: { person: PersonFacts; canManage: boolean }) {
  return (
    <>
      <SummaryList
        rows={[
          ["Email", person.email],
          ["Staff number", person.staffNumber ?? "Not recorded"],
          ["Job role", person.jobRoleTitle ?? "None"],
          ["Full-time equivalent", person.fte === null ? "Not recorded" : String(person.fte)],
          ["Start date", person.startDate ? formatDate(person.startDate) : "Not recorded"],
          ["Roles in Care Portfolio", person.roleLabels.join(", ") || "None"],
          ["Password", person.hasPassword ? "Set" : "Not set yet"],
          ["Two-step sign-in", person.totpEnabled ? "On" : "Off"],
        ]}
      />
      {canManage ? (
        <p>
          <Link to={`/people/${person.id}/edit`}>Change details and roles</Link>
        </p>
      ) : null}
    </>
  );
}
