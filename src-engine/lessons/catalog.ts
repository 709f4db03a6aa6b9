// Every lesson, in the order a class takes them.
import { FIND_PORTAL } from './content/findPortal';
import { MUX_DIES } from './content/muxDies';
import { TWO_MUXES } from './content/twoMuxes';
import { THE_MUX } from './content/theMux';
import { TO_THE_VIP } from './content/toTheVip';
import { VFP_ON_HOST } from './content/vfp';
import { VIP_ROUTE } from './content/vipRoute';
import { WAY_BACK } from './content/wayBack';
import type { LessonDef, LessonSummary } from './model';

export const LESSONS: readonly LessonDef[] = [VIP_ROUTE, FIND_PORTAL, TO_THE_VIP, THE_MUX, VFP_ON_HOST, WAY_BACK, MUX_DIES, TWO_MUXES];

export function lessonSummaries(): LessonSummary[] {
  return LESSONS.map((l) => ({
    id: l.id,
    title: l.title,
    goal: l.goal,
    topology: l.topology,
    request: l.request,
    chapters: l.chapters.map((c) => ({ id: c.id, title: c.title })),
    questionCount: l.chapters.reduce((n, c) => n + (c.questions?.length ?? 0), 0),
  }));
}

export const findLesson = (id: string): LessonDef | undefined => LESSONS.find((l) => l.id === id);
