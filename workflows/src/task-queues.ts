/**
 * The default names of the worker's two task queues: the api and worker read the configured ones from
 * PIPELINE_TASK_QUEUE and TRAINING_TASK_QUEUE (taskQueueEnv of @reelrank/config), and workflows fall back to
 * these when their input names no queue. The keys are the task-queue roles of the run registry (./runs.ts).
 */
export const TASK_QUEUES = {
  /** Pipelines, imports, enrichment, the engagement coordinator and short system workflows. */
  main: 'reelrank-main',
  /** Recommender retraining (CPU-heavy ALS activities; few at a time). The worker polls both queues. */
  training: 'reelrank-training',
} as const;
