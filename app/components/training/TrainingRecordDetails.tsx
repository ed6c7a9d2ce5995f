import { Form } from "@remix-run/react";
import { SummaryList } from "~/components/SummaryList";
import { TrainingVerificationFields } from "~/components/TrainingVerificationFields";
import { Button } from "~/components/kit/Button";
import { Body } from "~/components/kit/Text";
import { formatDate, formatDateTime } from "~/domain/format";
import type { TrainingRecordStatus } from "~/domain/training-status";
import { TRAINING_STATUS_LABELS, VERIFICATION_METHOD_RECORDS, type VerificationMethod } from "~/domain/vocabulary";
import type { FieldErrors, FormValues } from "~/forms/fields";

interface TrainingRecordFacts {
  status: TrainingRecordStatus;
  completedOn: string | null;
  provider: string | null;
  contentVersion: string;
  attachmentId: number | null;
  attachmentName: string | null;
  verifiedAt: string | null;
  verifiedByName: string | null;
  verificationMethod: VerificationMethod | null;
  verificationNote: string | null;
}

function verifiedText(record: TrainingRecordFacts): string {
  const how = record.verificationMethod ? `: ${VERIFICATION_METHOD_RECORDS[record.verificationMethod]}` : "";
  const note = record.verificationNote ? ` (“${record.verificationNote}”)` : "";
  return `By ${record.verifiedByName ?? "a former user"} on ${formatDateTime(record.verifiedAt)}${how}${note}`;
}

/** What a training record says, who verified it and how, and what proof the training asks for. */
export function TrainingRecordSummary({
  record,
  expiresOn,
  proof,
}: {
  record: TrainingRecordFacts;
  expiresOn: string | null;
  proof: string | null;
}) {
  return (
    <>
      <SummaryList
        rows={[
          ["Status", TRAINING_STATUS_LABELS[record.status]],
          ["Completed", formatDate(record.completedOn) || "Not completed"],
          ["Expires", formatDate(expiresOn) || (record.completedOn ? "Does not expire" : "—")],
          ["Provider", record.provider ?? "Not recorded"],
          ["Verified", record.verifiedAt ? verifiedText(record) : "Not verified: self-declared"],
          ["Recorded against content version", record.contentVersion],
          [
            "Certificate",
            record.attachmentId ? (
              <a href={`/attachments/${record.attachmentId}`}>Download {record.attachmentName}</a>
            ) : (
              "None uploaded"
            ),
          ],
        ]}
      />
      {proof ? <Body size="s">Acceptable proof: {proof}</Body> : null}
    </>
  );
}

/** A supervisor or lead verifies the record, posting to `action`; once verified, it says so. */
export function VerifyRecordForm({
  action,
  record,
  errors,
  values,
}: {
  action: string;
  record: Pick<TrainingRecordFacts, "completedOn" | "verifiedAt">;
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <>
      <h2>Verify</h2>
      {record.verifiedAt ? (
        <p>This record has been verified.</p>
      ) : (
        <Form method="post" action={action} noValidate>
          <p>
            Check that the training, its status{record.completedOn ? ", the completion date" : ""} and the provider are
            right before you verify this record.
          </p>
          <TrainingVerificationFields errors={errors} values={values} />
          <Button>Verify this record</Button>
        </Form>
      )}
    </>
  );
}
