/**
 * The pages the bench measures (issue 12, item 2): who asks for each, how its URL is found, whether it is a light
 * page (at least 200 requests a second at 20 connections), and its floor.
 */
import type { PortfolioClient } from "../portfolio-client";
import { FLOORS, type Floor } from "./floors";
import { choiceFor, followPages } from "./links";
import type { RawDb } from "./raw-db";
import type { Role, Subjects } from "./subjects";

export interface CaseContext {
  subjects: Subjects;
  clients: Record<Role, PortfolioClient>;
  db: RawDb;
  /** How many pages into the audit trail the deep page is, and how long finding it may take. */
  auditDepth: number;
  auditBudgetMs: number;
}

export interface PageCase {
  name: string;
  label: string;
  as: Role;
  /** Pages a person opens all day: the issue wants at least 200 requests a second of each at 20 connections. */
  light: boolean;
  /** The PDF is the one page the one-client 50 ms target leaves out. */
  pdf?: boolean;
  /** The page's path, or the reason it cannot be measured on this version of the app. */
  path: (ctx: CaseContext) => Promise<{ path: string; label?: string } | { unavailable: string }>;
  floor: Floor;
}

const fixed = (path: string) => async () => ({ path });

/** How many pages into the audit trail the deep page is, unless the bench is told otherwise. */
export const AUDIT_DEPTH = 2000;

export const PAGE_CASES: PageCase[] = [
  {
    name: "coordinator-home",
    label: "Coordinator home",
    as: "coordinator",
    light: true,
    path: fixed("/"),
    floor: FLOORS.coordinatorHome,
  },
  {
    name: "evidence-list",
    label: "Evidence list",
    as: "coordinator",
    light: true,
    path: async ({ subjects }) => ({ path: `/people/${subjects.coordinator.id}/evidence` }),
    floor: FLOORS.evidenceList,
  },
  {
    name: "competency",
    label: "Competency page",
    as: "coordinator",
    light: true,
    path: async ({ subjects }) => ({
      path: `/people/${subjects.coordinator.id}/competencies/${subjects.competencyId}`,
    }),
    floor: FLOORS.competency,
  },
  {
    name: "review-queue",
    label: "Review queue",
    as: "supervisor",
    light: true,
    path: fixed("/review"),
    floor: FLOORS.reviewQueue,
  },
  {
    name: "supervisor-home",
    label: "Supervisor home",
    as: "supervisor",
    light: true,
    path: fixed("/"),
    floor: FLOORS.supervisorHome,
  },
  {
    name: "lead-dashboard",
    label: "Lead dashboard",
    as: "lead",
    light: true,
    path: fixed("/dashboard"),
    floor: FLOORS.leadDashboard,
  },
  {
    name: "lead-csv",
    label: "Lead dashboard CSV",
    as: "lead",
    light: true,
    path: fixed("/dashboard.csv"),
    floor: FLOORS.leadCsv,
  },
  {
    name: "readiness-lead",
    label: "/api/readiness (lead)",
    as: "lead",
    light: true,
    path: fixed("/api/readiness"),
    floor: FLOORS.leadReadiness,
  },
  {
    name: "readiness-admin",
    label: "/api/readiness (admin), first page",
    as: "admin",
    // A page of the whole deployment for an API client: not a page anyone clicks through.
    light: false,
    path: fixed("/api/readiness"),
    floor: FLOORS.adminReadiness,
  },
  {
    name: "people",
    label: "People list (admin)",
    as: "admin",
    light: true,
    path: fixed("/people"),
    floor: FLOORS.people,
  },
  {
    name: "audit-first",
    label: "Audit, first page",
    as: "admin",
    light: true,
    path: fixed("/audit"),
    floor: FLOORS.auditFirst,
  },
  {
    name: "audit-filtered",
    label: "Audit, filtered",
    as: "admin",
    light: true,
    path: async ({ subjects }) => ({ path: `/audit?entity=${subjects.auditFilter.entity}` }),
    floor: FLOORS.auditFiltered,
  },
  {
    name: "audit-deep",
    label: "Audit, deep page",
    as: "admin",
    light: true,
    path: async ({ clients, subjects, auditDepth, auditBudgetMs }) => {
      const { path, page } = await followPages(clients.admin, "/audit", auditDepth, auditBudgetMs);
      // The floor starts where the page's own "Older" link says.
      const older = new URL(path, "http://bench").searchParams.get("older");
      subjects.auditDeepOlderThan = older === null ? null : Number(older);
      return { path, label: `Audit, page ${page}` };
    },
    floor: FLOORS.auditDeep,
  },
  {
    name: "admin-dashboard",
    label: "Admin dashboard, all PCNs",
    as: "admin",
    light: true,
    path: fixed("/dashboard"),
    floor: FLOORS.adminDashboard,
  },
  {
    name: "ics-dashboard",
    label: "Admin dashboard, one ICS",
    as: "admin",
    light: true,
    path: async ({ clients, subjects }) => {
      const ics = subjects.lead.icsName;
      if (!ics) return { unavailable: "the bench lead's PCN has no ICS" };
      // The admin's dashboard of one PCN offers the same filters as the one of all PCNs, and costs little today.
      const response = await clients.admin.get(`/dashboard?pcn=${subjects.lead.pcnId}`);
      const choice = response.ok ? choiceFor(await response.text(), ics) : null;
      if (!choice) return { unavailable: "the admin dashboard offers no choice of ICS" };
      return { path: `/dashboard?${new URLSearchParams({ [choice.name]: choice.value })}` };
    },
    floor: FLOORS.icsDashboard,
  },
  {
    name: "pdf",
    label: "Portfolio PDF",
    as: "coordinator",
    light: false,
    pdf: true,
    path: async ({ subjects }) => ({ path: `/people/${subjects.coordinator.id}/export.pdf` }),
    floor: FLOORS.portfolioPdf,
  },
];
