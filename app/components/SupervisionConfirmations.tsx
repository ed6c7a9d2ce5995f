import { Link } from "~/components/kit/Link";
import { formatDate } from "~/domain/format";

export interface MeetingAwaitingConfirmation {
  id: number;
  metOn: string;
  personId: number;
  name: string;
}

/** For a supervisor's home page: meetings their supervisees recorded that wait for them. Shows nothing when none do. */
export function SupervisionConfirmationsPanel({ meetings }: { meetings: MeetingAwaitingConfirmation[] }) {
  if (meetings.length === 0) return null;
  return (
    <div className="nhsuk-card" data-testid="meetings-to-confirm">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">
          {meetings.length} supervision {meetings.length === 1 ? "meeting" : "meetings"} to confirm
        </h2>
        <p className="nhsuk-card__description">Meetings count towards supervision only once you confirm them.</p>
        <ul className="nhsuk-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <Link to={`/people/${m.personId}/supervision/${m.id}`}>
                {m.name}, {formatDate(m.metOn)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
