import type { Kysely, Migration } from 'kysely';

/*
 * Scale-out (`ronde serve --role worker`): a round is a queued job, and a job
 * may run twice (its worker was killed after committing, before telling the
 * queue). The job's key makes its second write a no-op: one round per key,
 * one result per round, host and check. Null keys (single process, CLI) are
 * distinct in both SQLite and PostgreSQL, so they are not constrained.
 */
export function jobsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('rounds').addColumn('job_key', 'text').execute();
      await db.schema.createIndex('rounds_job_key').unique().on('rounds').column('job_key').execute();
      await db.schema
        .createIndex('results_round_target_check')
        .unique()
        .on('results')
        .columns(['round_id', 'target', 'check_name'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('results_round_target_check').execute();
      await db.schema.dropIndex('rounds_job_key').execute();
      await db.schema.alterTable('rounds').dropColumn('job_key').execute();
    },
  };
}
