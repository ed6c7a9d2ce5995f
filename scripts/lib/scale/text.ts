/** What people write: evidence, review comments, CPD and supervision notes, varied enough to look lived in. */
import type { CpdType, EvidenceType } from "~/domain/vocabulary";

export interface EvidenceText {
  title: string;
  type: EvidenceType;
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
}

export const EVIDENCE_TEXTS: readonly EvidenceText[] = [
  {
    title: "Support plan written with a woman caring for her husband",
    type: "reflective-account",
    whatHappened:
      "We met at the surgery to talk about what a good week would look like for her. She wanted a regular break, so we wrote the plan around the two afternoons she could have to herself.",
    whatLearned:
      "Carers often put their own needs last; asking about their week, not the cared-for person's, opened the conversation.",
    whatNext: "Offer a carer's assessment referral in every first conversation with a carer.",
  },
  {
    title: "Multidisciplinary team meeting for a man with several long-term conditions",
    type: "observation",
    whatHappened:
      "I prepared a one-page summary of what mattered to him and presented it at the MDT. The GP and the community matron agreed to one named contact.",
    whatLearned: "A short summary in the person's own words kept the meeting focused on his goals.",
    whatNext: "Use the same summary format for every MDT I present at.",
  },
  {
    title: "Feedback from a family after a hospital discharge",
    type: "feedback",
    whatHappened: "A daughter wrote to say the weekly calls after her father came home helped the family cope.",
    whatLearned: "Regular, predictable contact matters as much as the content of the calls.",
    whatNext: "Agree a contact schedule with every family at discharge.",
  },
  {
    title: "Shared decision making about a return to exercise",
    type: "case-study",
    whatHappened:
      "A person with COPD wanted to walk to the shops again. We looked at the options together, including pulmonary rehabilitation, and he chose a walking group first.",
    whatLearned: "Laying out options with their pros and cons let him choose at his own pace.",
    whatNext: "Use the decision aid from the e-learning in conversations about rehabilitation.",
  },
  {
    title: "Connecting a lonely older man with a community lunch club",
    type: "reflective-account",
    whatHappened:
      "He had stopped going out since his wife died. We found a lunch club near his home and I went with him to the first session.",
    whatLearned: "Going along the first time removed the barrier he could not name.",
    whatNext: "Keep a list of groups that welcome a first visit with a link worker.",
  },
  {
    title: "Health coaching sessions on managing type 2 diabetes",
    type: "reflective-account",
    whatHappened:
      "Over four sessions we set small goals she chose: walking after lunch and swapping one sugary drink a day. She kept a diary between sessions.",
    whatLearned: "Goals she set herself stuck; the ones I suggested did not.",
    whatNext: "Start each session by asking what she wants to work on, not what I planned.",
  },
  {
    title: "Supervision discussion on setting boundaries",
    type: "supervision-record",
    whatHappened:
      "In supervision we talked about a person who called me several times a day. We agreed how to set clear contact times kindly.",
    whatLearned: "Boundaries protect the relationship as well as my time.",
    whatNext: "Agree contact arrangements at the start of every new piece of work.",
  },
  {
    title: "Certificate: personalised care and support planning",
    type: "certificate",
    whatHappened: "I completed the e-learning on personalised care and support planning and passed the assessment.",
    whatLearned: "The plan belongs to the person; my job is to help them write it.",
    whatNext: "Review two of my recent plans against the checklist from the course.",
  },
  {
    title: "Helping a young carer access support at school",
    type: "case-study",
    whatHappened:
      "With the family's agreement I contacted the school's pastoral lead so a teenager caring for her mother could get support and time for homework.",
    whatLearned: "Young carers are often hidden; asking the whole household who helps at home finds them.",
    whatNext: "Ask about young carers in every home visit to a family.",
  },
  {
    title: "Referral to debt advice that eased a person's anxiety",
    type: "other",
    whatHappened:
      "A man told me money worries kept him awake. I referred him to the local debt advice service and he now has a payment plan.",
    whatLearned: "Practical help with the cause of stress can do more than talking about the stress.",
    whatNext: "Keep up to date with the local advice services and their waiting times.",
  },
];

export const AMENDED_NOTE = " Since my supervisor's feedback I have added what I would do differently.";

export const RETURN_COMMENTS = [
  "Please add what you will do differently next time.",
  "Say more about what the person wanted, in their words.",
  "Link this to the competency it shows and explain how.",
  "Remove the date of the appointment and add your reflection.",
] as const;

export const ACCEPT_COMMENTS = [
  "A clear, person-centred account.",
  "Good reflection on what you learned.",
  "Shows the competency well.",
] as const;

export const SIGNOFF_COMMENTS = [
  "Consistently shows this in practice and in the evidence.",
  "Seen in supervision and in accepted evidence over several months.",
  "Meets the competency; keep building on it.",
] as const;

export const WITHDRAW_COMMENT = "Signed off in error: the accepted evidence was for a different competency.";

export const CPD_ACTIVITIES: readonly { activity: string; type: CpdType; hours: number; provider: string | null }[] = [
  {
    activity: "Webinar: personalised care and support planning in practice",
    type: "webinar",
    hours: 1.5,
    provider: "Personalised Care Institute",
  },
  { activity: "Peer support network meeting", type: "peer-support", hours: 2, provider: "Training hub" },
  {
    activity: "E-learning: motivational interviewing basics",
    type: "e-learning",
    hours: 3,
    provider: "e-Learning for Healthcare",
  },
  { activity: "Reading: guidance on proactive care", type: "reading", hours: 1, provider: null },
  { activity: "Course: working with carers", type: "formal-course", hours: 6, provider: "Training hub" },
  { activity: "Group supervision: complex cases", type: "supervision", hours: 1.5, provider: null },
  {
    activity: "Webinar: social prescribing and green spaces",
    type: "webinar",
    hours: 1,
    provider: "National Academy for Social Prescribing",
  },
  {
    activity: "E-learning: making every contact count",
    type: "e-learning",
    hours: 2,
    provider: "e-Learning for Healthcare",
  },
  { activity: "Shadowing the community mental health team", type: "other", hours: 3.5, provider: null },
  { activity: "Course: health coaching refresher day", type: "formal-course", hours: 7.5, provider: "Training hub" },
];

export const CPD_REFLECTIONS = [
  "What I took from it and how I will use it with the people I support.",
  "It changed how I open first conversations: I now ask what matters before anything else.",
  "Useful ideas for my caseload; I have shared the resources with the team.",
  "I will try the approach with two people this month and talk it through in supervision.",
] as const;

export const MEETING_TOPICS = [
  "Caseload review and priorities",
  "Reflection on a complex hospital discharge",
  "Training plan and CPD",
  "Working with the MDT",
  "Wellbeing and workload",
  "Progress against the competency framework",
] as const;

export const MEETING_ACTIONS = [
  "Book the next meeting",
  "Review progress on the competency framework next time",
  "Bring two support plans to the next meeting",
  "None",
] as const;

export const DISPUTE_REASON = "We did not meet on this date: the meeting was cancelled.";
