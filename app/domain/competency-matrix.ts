/** A person's standing on every competency of the framework, area by area: what the portfolio page and PDF show. */
import type { CompetencyStatus } from "./evidence-workflow";

export interface MatrixCell {
  id: string;
  title: string;
  status: CompetencyStatus;
  evidenceCount: number;
  acceptedCount: number;
  lastActivity: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
}

export interface MatrixArea {
  id: string;
  title: string;
  competencies: MatrixCell[];
  signedOff: number;
  total: number;
}

export type Matrix = MatrixArea[];
