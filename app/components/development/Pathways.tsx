import { Form } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { DateInput } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import { StateTag } from "~/components/kit/Tag";
import { Body, Heading, InsetText, PlainList } from "~/components/kit/Text";
import { ProgressBar } from "~/components/ProgressBar";
import { Table, TableBody, TableHead } from "~/components/Table";
import { PATHWAY_KIND_LABELS, type PathwayKind, type PathwayPieceState } from "~/domain/vocabulary";
import type { FieldErrors, FormValues } from "~/forms/fields";

interface PathwaySummary {
  id: string;
  title: string;
  kind: PathwayKind;
  met: number;
  planned: number;
  total: number;
}

/** Every route, each with a bar of how much of it the person meets: the overview a person scans. */
export function PathwayList({ personId, pathways }: { personId: number; pathways: PathwaySummary[] }) {
  return (
    <PlainList testId="pathways">
      {pathways.map((p) => (
        <li key={p.id}>
          <Heading level={2} size="s">
            <Link to={`/people/${personId}/pathways/${p.id}`}>{p.title}</Link>
          </Heading>
          <Body size="s">
            {PATHWAY_KIND_LABELS[p.kind]}. {p.planned ? `${p.planned} more in the development plan.` : null}
          </Body>
          <ProgressBar label="Met" value={p.met} total={p.total} unit="things it asks for" />
        </li>
      ))}
    </PlainList>
  );
}

interface Piece {
  key: string;
  what: string;
  asks: string;
  now: string;
  state: PathwayPieceState;
}

/** What a route asks for, where the person stands on each piece, and whether it is met, planned or missing. */
export function PathwayPieces({ pieces, own }: { pieces: Piece[]; own: boolean }) {
  return (
    <Table caption="What this route asks for" captionHidden testId="pathway-pieces">
      <TableHead columns={["Competency or training", "Asks for", own ? "Where you are" : "Where they are", "Status"]} />
      <TableBody>
        {pieces.map((piece) => (
          <tr key={piece.key}>
            <td>{piece.what}</td>
            <td>{piece.asks}</td>
            <td>{piece.now}</td>
            <td>
              <StateTag kind="pathwayPiece" state={piece.state} />
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** Where the route's description comes from, and who set what it asks for. */
export function PathwayBasis({ source, setLocally }: { source: string; setLocally: boolean }) {
  return (
    <>
      <Body size="s">Source: {source}.</Body>
      {setLocally ? (
        <InsetText>
          <p>
            The national documents do not set what this route asks for. The competencies, levels and training below are
            set locally by your PCN, and your PCN can change them.
          </p>
        </InsetText>
      ) : null}
    </>
  );
}

/** One step: a goal for each missing piece, all due by the date given. */
export function AddMissingForm({
  own,
  name,
  missing,
  errors,
  values,
}: {
  own: boolean;
  name: string;
  missing: number;
  errors: FieldErrors | undefined;
  values: FormValues;
}) {
  return (
    <Form method="post" noValidate>
      <Heading level={2} size="m">
        Add the missing pieces to {own ? "your" : `${name}'s`} plan
      </Heading>
      <p>
        This adds {missing === 1 ? "a goal" : `${missing} goals`} to the development plan, one for each missing piece,
        for the supervisor to agree. Pieces already in the plan are not added again.
      </p>
      <DateInput name="targetDate" legend="Target date for the new goals" error={errors?.targetDate} values={values} />
      <Button>Add the missing pieces to {own ? "my" : "their"} plan</Button>
    </Form>
  );
}
