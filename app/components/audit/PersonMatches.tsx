import { useLocation } from "@remix-run/react";
import { QueryLink } from "~/components/kit/Link";

interface Match {
  id: number;
  name: string;
  pcnName: string | null;
}

/** The page's own filters, with the person chosen by id instead of the name typed, from the first page. */
function choosing(search: string, id: number): string {
  const params = new URLSearchParams(search);
  for (const name of ["personName", "older", "newer"]) params.delete(name);
  params.set("person", String(id));
  return `?${params.toString()}`;
}

/** Everyone whose name matched what was typed in the audit trail's person filter, each a link that chooses them. */
export function PersonMatches({ text, matches, more }: { text: string; matches: Match[]; more: boolean }) {
  const location = useLocation();
  return (
    <>
      <h2 className="nhsuk-heading-m">Choose a person</h2>
      <p>
        {more
          ? `More than ${matches.length} people's names contain "${text}". The first ${matches.length} are below: enter more of the name to find someone else.`
          : `${matches.length} people's names contain "${text}".`}
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {matches.map((m) => (
          <li key={m.id}>
            <QueryLink query={choosing(location.search, m.id)}>{m.name}</QueryLink>
            {m.pcnName ? `, ${m.pcnName}` : ", no PCN"}
          </li>
        ))}
      </ul>
    </>
  );
}
