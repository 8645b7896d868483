/** Task queues served by the worker; shared by the API (which starts workflows) and the worker. */
export const TASK_QUEUES = {
  /** Pipelines, imports, enrichment and short system workflows. */
  main: 'reelrank-main',
  /** Recommender retraining (CPU-heavy ALS activities; few at a time). The worker polls both queues. */
  training: 'reelrank-training',
} as const;
