import { appPath, Link } from "~/components/kit/Link";
import { formatDate } from "~/domain/format";
import {
  NOTICE_AUDIENCE_HEADINGS,
  NOTICE_EMAIL_STATUS_LABELS,
  type NoticeAudience,
  type NoticeEmailStatus,
} from "~/domain/notices";
import { Tag } from "~/components/kit/Tag";
import { VisuallyHidden } from "~/components/kit/Text";
import { Table } from "~/components/Table";

export interface NoticeRow {
  id: number;
  audience: NoticeAudience;
  title: string;
  link: string;
  createdAt: string;
  unread: boolean;
  emailStatus: NoticeEmailStatus;
  emailedAt: string | null;
}

/** A person's notifications, newest first; unread ones carry a "New" tag. */
export function NoticeList({ notices }: { notices: NoticeRow[] }) {
  return (
    <Table caption="Your notifications" captionHidden testId="notifications">
      <thead>
        <tr>
          <th scope="col">Notification</th>
          <th scope="col">About</th>
          <th scope="col">Date</th>
          <th scope="col">Email</th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => (
          <tr key={n.id}>
            <td>
              {n.unread ? (
                <>
                  <Tag colour="blue">New</Tag>{" "}
                </>
              ) : (
                <VisuallyHidden>Read: </VisuallyHidden>
              )}
              <Link to={appPath(n.link)}>{n.title}</Link>
            </td>
            <td>{NOTICE_AUDIENCE_HEADINGS[n.audience]}</td>
            <td className="app-nowrap">{formatDate(n.createdAt)}</td>
            <td>
              {NOTICE_EMAIL_STATUS_LABELS[n.emailStatus]}
              {n.emailedAt ? ` on ${formatDate(n.emailedAt)}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
