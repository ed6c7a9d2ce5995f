/** `npm run content:check`: validates the content directory (CONTENT_DIR, default ./content) for CI and editors. */
import { contentDir } from "~/content/index.server";
import { CONTENT_FILES, ContentError, loadContent } from "~/content/load.server";
import type { Content } from "~/content/schema";

function summaries(content: Content): string[] {
  const {
    framework,
    trainingRequirements,
    roles,
    supervisionPolicy,
    esrCompetencies,
    proficiencyScale,
    pathways,
    induction,
  } = content;
  const competencies = framework.areas.reduce((total, area) => total + area.competencies.length, 0);
  return [
    `${CONTENT_FILES.framework} v${framework.version}: ${framework.areas.length} areas, ${competencies} competencies`,
    `${CONTENT_FILES.trainingRequirements} v${trainingRequirements.version}: ${trainingRequirements.requirements.length} requirements`,
    `${CONTENT_FILES.roles} v${roles.version}: ${roles.roles.length} roles`,
    `${CONTENT_FILES.supervisionPolicy} v${supervisionPolicy.version}: every ${supervisionPolicy.fullTimeIntervalDays} days at full time, at most ${supervisionPolicy.maxIntervalDays}`,
    `${CONTENT_FILES.esrCompetencies} v${esrCompetencies.version}: ${esrCompetencies.competencies.length} ESR competencies mapped`,
    `${CONTENT_FILES.proficiencyScale} v${proficiencyScale.version}: ${proficiencyScale.levels.length} levels`,
    `${CONTENT_FILES.pathways} v${pathways.version}: ${pathways.pathways.length} development pathways`,
    `${CONTENT_FILES.induction} v${induction.version}: ${induction.items.length} items in ${induction.settings.length} settings`,
  ];
}

const dir = contentDir();
try {
  for (const line of summaries(loadContent(dir))) console.log(line);
  console.log("Content is valid.");
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`Content in ${dir} has ${error.problems.length} problem(s):\n${error.message}`);
  process.exitCode = 1;
}
