import { z } from "zod";

/** "My account": whether the person gets notification digests by email (the in-app list stays either way). */
export const EMAIL_NOTICE_CHOICES = [
  { value: "yes", label: "Yes, email me a summary when there is something new" },
  { value: "no", label: "No, show them in Care Portfolio only" },
];

export const emailNoticesSchema = z.object({
  emailNotices: z.enum(["yes", "no"], { error: "Choose whether you want an email when you have new notifications" }),
});
