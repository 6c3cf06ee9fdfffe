import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluationMeasures,
  evaluations,
  investigationSteps,
  planMeasureResponsible,
  planMeasures,
  planVersions,
} from './schema';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;

// § 12-4 (3): plans are revised, never overwritten; the investigation and the evaluations are
// documents with a date. The database refuses to change them, whatever code path tries.
describe('case work is append-only', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  it('a plan version, its measures and who carries them out cannot be changed or removed', async () => {
    const [version] = await t.db
      .insert(planVersions)
      .values({
        caseId: world.kase.id,
        version: 1,
        createdAt: new Date('2026-11-03T09:00:00Z'),
        createdById: world.principal.id,
        problem: 'Eleven blir holdt utenfor i friminuttene.',
      })
      .returning();
    const [measure] = await t.db
      .insert(planMeasures)
      .values({
        planVersionId: version!.id,
        measureId: crypto.randomUUID(),
        position: 0,
        level: 'individual',
        description: 'Fast voksen i friminuttene.',
        startOn: '2026-11-04',
        endOn: '2026-12-04',
        evaluationOn: '2026-11-18',
      })
      .returning();
    await t.db.insert(planMeasureResponsible).values({ planMeasureId: measure!.id, personId: world.leader.id });

    await expect(t.sql`update plan_versions set problem = 'endret' where id = ${version!.id}`).rejects.toMatchObject({
      code: '23001',
      message: expect.stringContaining('plan_versions is append-only'),
    });
    await expect(t.sql`update plan_measures set end_on = '2027-01-01' where id = ${measure!.id}`).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`delete from plan_measure_responsible`).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`delete from plan_versions where id = ${version!.id}`).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`truncate plan_versions cascade`).rejects.toMatchObject({ code: '23001' });

    // Evaluations too; and a closing evaluation sets no next date, any other one does.
    const [evaluation] = await t.db
      .insert(evaluations)
      .values({
        caseId: world.kase.id,
        planVersionId: version!.id,
        plannedOn: '2026-11-18',
        doneAt: new Date('2026-11-18T10:00:00Z'),
        pupilView: 'Det er bedre nå.',
        situationSafe: false,
        decision: 'continue',
        nextEvaluationOn: '2026-12-02',
        recordedById: world.principal.id,
        recordedAt: new Date('2026-11-18T10:00:00Z'),
      })
      .returning();
    await t.db.insert(evaluationMeasures).values({ evaluationId: evaluation!.id, planMeasureId: measure!.id, howCarriedOut: 'Hver dag.', effect: 'God.' });
    await expect(t.sql`update evaluations set decision = 'close' where id = ${evaluation!.id}`).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`delete from evaluation_measures`).rejects.toMatchObject({ code: '23001' });
    await expect(
      t.sql`insert into evaluations (case_id, plan_version_id, planned_on, done_at, pupil_view, situation_safe, decision, recorded_by_id, recorded_at)
            values (${world.kase.id}, ${version!.id}, '2026-12-02', now(), 'x', false, 'continue', ${world.principal.id}, now())`,
    ).rejects.toMatchObject({ code: '23514', constraint_name: 'evaluations_next_date' });
    await expect(
      t.sql`insert into evaluations (case_id, plan_version_id, planned_on, done_at, pupil_view, situation_safe, decision, recorded_by_id, recorded_at)
            values (${world.kase.id}, ${version!.id}, '2026-12-02', now(), 'x', false, 'close', ${world.principal.id}, now())`,
    ).rejects.toMatchObject({ code: '23514', constraint_name: 'evaluations_close_only_safe' });
  });

  it('investigation steps cannot be changed; a conversation with other pupils is always flagged', async () => {
    const [step] = await t.db
      .insert(investigationSteps)
      .values({
        caseId: world.kase.id,
        kind: 'conversation_with_pupil',
        at: new Date('2026-11-02T09:00:00Z'),
        performedById: world.leader.id,
        summary: 'Eleven forteller at det skjer hver dag.',
        recordedById: world.leader.id,
        recordedAt: new Date('2026-11-02T10:00:00Z'),
      })
      .returning();
    await expect(t.sql`update investigation_steps set summary = 'x' where id = ${step!.id}`).rejects.toMatchObject({ code: '23001' });
    await expect(
      t.sql`insert into investigation_steps (case_id, kind, at, performed_by_id, summary, concerns_other_pupils, recorded_by_id, recorded_at)
            values (${world.kase.id}, 'other_pupils', now(), ${world.leader.id}, 'x', false, ${world.leader.id}, now())`,
    ).rejects.toMatchObject({ code: '23514', constraint_name: 'investigation_steps_other_pupils_flagged' });
  });
});
