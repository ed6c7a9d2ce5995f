import { z } from "zod";
import { optionalSingleLine, singleLine } from "./fields";

/** A PCN's ODS code: the letter U and five digits (PCNs are registered in the ODS as U codes). */
const ODS_CODE = /^U\d{5}$/;

/** The PCN form, shared by "add a PCN" and "change a PCN". */
export const pcnSchema = z.object({
  name: singleLine("Enter the PCN's name", "Name", 200),
  odsCode: z
    .string({ error: "Enter the PCN's ODS code" })
    .trim()
    .toUpperCase()
    .min(1, "Enter the PCN's ODS code")
    .regex(ODS_CODE, "Enter the ODS code in the correct format: U followed by 5 numbers, like U12345"),
  icsName: optionalSingleLine("ICS name", 200),
});
