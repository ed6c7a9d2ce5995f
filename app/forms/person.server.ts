import { z } from "zod";
import { APP_ROLES, canMovePeopleBetweenPcns, mayGrantRole, type AppRole, type Viewer } from "~/domain/permissions";
import {
  emailAddress,
  optionalBoundedNumber,
  optionalDateField,
  optionalIdFromList,
  optionalOneOf,
  optionalSingleLine,
  singleLine,
  someOf,
} from "./fields";

/** The app roles this viewer may hand out: only admins create admins. */
export function grantableRoles(viewer: Viewer): AppRole[] {
  return APP_ROLES.filter((role) => mayGrantRole(viewer, role));
}

/** ESR employee numbers are digits (8 today); some trusts add letters or a dash, so those are allowed too. */
const STAFF_NUMBER = /^[A-Za-z0-9-]{1,20}$/;
const optionalStaffNumber = optionalSingleLine("Staff number", 20).refine((v) => v === null || STAFF_NUMBER.test(v), {
  message: "Staff number must be letters, numbers and dashes only, like 12345678",
});

const FTE_RANGE = "Full-time equivalent must be a number from 0.05 to 1, like 0.6";

/**
 * The person form, shaped by who is submitting it: a lead's form has no PCN field (it is always their own PCN) and
 * cannot grant admin, whatever extra fields a tampered request carries.
 */
export function personSchema(viewer: Viewer, jobRoleIds: readonly string[], pcnIds: readonly number[]) {
  const roles = grantableRoles(viewer);
  return z.object({
    name: singleLine("Enter the person's full name", "Name", 200),
    email: emailAddress(),
    staffNumber: optionalStaffNumber,
    pcnId: canMovePeopleBetweenPcns(viewer)
      ? optionalIdFromList(pcnIds, "Select a PCN from the list")
      : z
          .unknown()
          .optional()
          .transform(() => viewer.pcnId),
    jobRole: optionalOneOf(jobRoleIds, "Select a job role from the list"),
    fte: optionalBoundedNumber({ notNumber: FTE_RANGE, min: 0.05, tooSmall: FTE_RANGE, max: 1, tooBig: FTE_RANGE }),
    startDate: optionalDateField("start date"),
    roles: someOf(roles, "Select roles from the list", "Select at least one role"),
  });
}
