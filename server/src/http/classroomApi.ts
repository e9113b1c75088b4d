import {
  gradeRequestSchema,
  joinRequestSchema,
  newAssignmentRequestSchema,
  releaseRequestSchema,
  rubricRequestSchema,
  type AssignmentComparisonResponse,
  type AssignmentResponse,
  type FeedbackResponse,
  type Grade,
  type JoinInfoResponse,
  type JoinResponse,
  type NewAssignmentResponse,
  type PushResponse,
  type ReleaseResponse,
  type Role,
  type Rubric,
} from '@warrant/shared';
import type { Request, Response, Router } from 'express';
import { NameTakenError, type AssignmentRecord } from '../classroom/AssignmentStore.ts';
import { ClassroomError } from '../classroom/ClassroomError.ts';
import type { ClassroomService } from '../classroom/ClassroomService.ts';
import { exportCopies } from '../classroom/exportZip.ts';
import { gradesCsv } from '../classroom/gradesCsv.ts';
import type { MapService } from '../maps/MapService.ts';
import type { Storage } from '../storage/Storage.ts';
import { compareWithCopies } from './compareApi.ts';
import { badBody, HttpError, notFound } from './errors.ts';
import { mapId } from './requests.ts';

export interface ClassroomRoutesDeps {
  classroom: ClassroomService;
  maps: MapService;
  storage: Storage;
  /** The caller's role on the map, or the `HttpError` that refuses them (api.ts's `roleOn`). */
  roleOn(req: Request, id: string): Promise<Role>;
}

/** Assignment ids are the relay's own (16 url-safe characters); anything else is unknown. */
const ASSIGNMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The classroom's routes (server/README.md, "The classroom"): `/api/assignments/…` and
 * `GET /api/maps/:id/feedback`. Request bodies are the shared protocol's schemas.
 */
export function classroomRoutes(
  api: Router,
  { classroom, maps, storage, roleOn }: ClassroomRoutesDeps,
): void {
  async function assignment(req: Request): Promise<AssignmentRecord> {
    const id = String(req.params.id);
    if (!ASSIGNMENT_ID.test(id)) {
      throw new HttpError(404, `No assignment "${id.slice(0, 64)}". Check the link.`);
    }
    return classroom.get(id);
  }

  /**
   * The assignment, after checking the caller holds its instructor token (owner of its
   * template map): the only key to the dashboard, rubric, grades, release, push and export.
   */
  async function asInstructor(req: Request): Promise<AssignmentRecord> {
    const a = await assignment(req);
    let role: Role;
    try {
      role = await roleOn(req, a.templateMap);
    } catch (error) {
      if (error instanceof HttpError && error.status === 403) throw onlyInstructor();
      if (error instanceof HttpError && error.status === 401) {
        throw new HttpError(
          401,
          "This needs the assignment's instructor token, sent as a Bearer token.",
        );
      }
      throw error;
    }
    if (role !== 'owner') throw onlyInstructor();
    return a;
  }

  const onlyInstructor = () =>
    new HttpError(
      403,
      "Only the assignment's instructor token opens this; a student's link opens their own copy only.",
    );

  api.post('/assignments', async (req, res: Response<NewAssignmentResponse>) => {
    const parsed = newAssignmentRequestSchema.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const source = parsed.data.map;
    if (!(await storage.meta(source))) throw notFound(source);
    if ((await roleOn(req, source)) !== 'owner') {
      throw new HttpError(403, "Only the map's owner can make an assignment from it.");
    }
    const made = await classroom.create(parsed.data);
    res.status(201).location(`/api/assignments/${made.id}`).json(made);
  });

  api.get('/assignments/:id', async (req, res: Response<AssignmentResponse>) => {
    res.json(await classroom.dashboard(await asInstructor(req)));
  });

  api.get('/assignments/:id/join', async (req, res: Response<JoinInfoResponse>) => {
    res.json(await classroom.info(await assignment(req)));
  });

  api.post('/assignments/:id/join', async (req, res: Response<JoinResponse>) => {
    const a = await assignment(req);
    const parsed = joinRequestSchema.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    const joined = await classroom.join(a, parsed.data);
    res.status(201).location(`/api/maps/${joined.copy.id}`).json(joined);
  });

  api.put('/assignments/:id/rubric', async (req, res: Response<Rubric>) => {
    const a = await asInstructor(req);
    const parsed = rubricRequestSchema.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    res.json(await classroom.grading.setRubric(a, parsed.data));
  });

  api.put('/assignments/:id/copies/:copy/grade', async (req, res: Response<Grade>) => {
    const a = await asInstructor(req);
    const parsed = gradeRequestSchema.safeParse(req.body);
    if (!parsed.success) throw badBody(parsed.error);
    res.json(await classroom.grading.grade(a, String(req.params.copy), parsed.data));
  });

  api.post('/assignments/:id/release', async (req, res: Response<ReleaseResponse>) => {
    const a = await asInstructor(req);
    const parsed = releaseRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw badBody(parsed.error);
    res.json(await classroom.grading.release(a, parsed.data.copies));
  });

  api.post('/assignments/:id/push', async (req, res: Response<PushResponse>) => {
    res.json(await classroom.push(await asInstructor(req)));
  });

  api.get('/assignments/:id/grades.csv', async (req, res) => {
    const a = await asInstructor(req);
    const csv = gradesCsv(a.rubric, await classroom.copiesWithMembers(a));
    res
      .attachment(`${fileTitle(a.title)} grades.csv`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  api.get('/assignments/:id/export', async (req, res) => {
    const a = await asInstructor(req);
    const copies = await classroom.copies(a);
    const zip = await exportCopies(maps, copies);
    res
      .attachment(`${fileTitle(a.title)}.zip`)
      .type('application/zip')
      .send(Buffer.from(zip));
  });

  api.get('/assignments/:id/compare', async (req, res: Response<AssignmentComparisonResponse>) => {
    const a = await asInstructor(req);
    const kind = req.query.reference ?? 'source';
    if (kind !== 'source' && kind !== 'template') {
      throw new HttpError(
        400,
        'reference must be "source" (the map the assignment was made from) or "template".',
      );
    }
    const referenceId = kind === 'source' ? a.sourceMap : a.templateMap;
    const meta = await storage.meta(referenceId);
    if (!meta) {
      throw new HttpError(
        404,
        kind === 'source'
          ? 'The map this assignment was made from no longer exists; compare with the template instead (?reference=template).'
          : "The assignment's template map no longer exists.",
      );
    }
    const copies = (await classroom.copies(a)).map((c) => c.mapId);
    const compared = await compareWithCopies(maps, referenceId, copies);
    if (!compared) throw notFound(referenceId);
    res.json({ ...compared, reference: { id: referenceId, kind, title: meta.title } });
  });

  api.get('/maps/:id/feedback', async (req, res: Response<FeedbackResponse>) => {
    const id = mapId(req);
    if (!(await storage.meta(id))) throw notFound(id);
    await roleOn(req, id);
    const feedback = await classroom.grading.feedback(id);
    if (!feedback) throw new HttpError(404, 'This map is no assignment copy; it has no feedback.');
    res.json(feedback);
  });
}

/** A classroom failure as the `HttpError` the API answers; anything else unchanged. */
export function classroomHttpError(error: unknown): unknown {
  if (error instanceof ClassroomError) return new HttpError(error.status, error.message);
  if (error instanceof NameTakenError) {
    return new HttpError(
      409,
      `${error.message} If that is you, open the link you got when you joined; ` +
        'if not, join with your full name.',
    );
  }
  return error;
}

function fileTitle(title: string): string {
  return (
    title
      .replace(/[^\w -]+/g, '')
      .trim()
      .slice(0, 80) || 'assignment'
  );
}
