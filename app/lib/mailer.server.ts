/** Sends email through the configured SMTP server with nodemailer (ADR 0015). */
import fs from "node:fs";
import nodemailer from "nodemailer";
import type { MailSettings } from "./notify-settings.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the SMTP server has accepted the message; rejects with its reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    // Implicit TLS on 465; on 587 the connection must upgrade with STARTTLS or the send fails (NHSmail requires it).
    secure: settings.security === "tls",
    requireTLS: settings.security === "starttls",
    ignoreTLS: settings.security === "none",
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    tls: { minVersion: "TLSv1.2", ...(settings.caFile ? { ca: fs.readFileSync(settings.caFile) } : {}) },
    // One connection reused for a run's digests, rather than one per person.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: settings.from, ...mail });
    },
    close: () => transport.close(),
  };
}
