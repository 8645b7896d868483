import { Inject, Injectable, Logger } from '@nestjs/common';
import { itemGenres, type ItemGenres } from '@reelrank/recommender';
import { ModelStore, type StoredModels } from '@reelrank/storage';
import { PrismaService } from '../prisma/prisma.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** The serving model version named by `active_model`. */
export interface ActiveVersion {
  version: string;
  /** Ratings newer than this are not in the model. */
  snapshotAt: Date;
}

/** A model version's explicit (rating) and implicit (ranking) models from object storage, with its movies' genres. */
export interface LoadedModels extends StoredModels {
  version: string;
  genres: ItemGenres;
}

/** After a failed load, the version is not retried for this long (object storage down, files missing). */
const RETRY_FAILED_LOAD_MS = 30_000;

interface LoadEntry {
  promise: Promise<LoadedModels | null>;
  value?: LoadedModels | null;
  failedAt?: number;
}

/**
 * Keeps the active model version's models in memory. The version is re-read from `active_model` at most
 * every RECOMMENDATIONS_MODEL_CHECK_SECONDS (one primary-key query), and at once when a query that reads
 * `active_model` itself (the precomputed recommendations) reports another version, so promotion and
 * rollback take effect without a restart. Each version is loaded from object storage once (concurrent
 * callers share the load); when a new version is loaded, the previous one is released.
 */
@Injectable()
export class ActiveModelService {
  private readonly logger = new Logger('Recommendations');
  private readonly checkMs: number;
  private active: ActiveVersion | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking?: Promise<ActiveVersion | null>;
  private readonly loads = new Map<string, LoadEntry>();
  private readonly loadedListeners = new Set<(version: string) => void>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: ModelStore,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.checkMs = config.RECOMMENDATIONS_MODEL_CHECK_SECONDS * 1000;
  }

  /** The active version (cached for RECOMMENDATIONS_MODEL_CHECK_SECONDS), or null when none is active. */
  async activeVersion(): Promise<ActiveVersion | null> {
    if (Date.now() - this.checkedAt < this.checkMs) return this.active;
    this.checking ??= this.readActive().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /**
   * Reports the active version as a query just read it: when it differs from the cached one, the cache
   * takes it at once and the new version's models start loading in the background.
   */
  observe(active: ActiveVersion | null): void {
    if (active?.version === this.active?.version) return;
    this.setActive(active);
  }

  /** The models of the active version, loading them on first use; null without an active model or when loading failed. */
  async models(): Promise<LoadedModels | null> {
    const active = await this.activeVersion();
    return active ? this.modelsOf(active.version) : null;
  }

  /** The models of `version`, loading them on first use; null when loading failed (retried later). */
  modelsOf(version: string): Promise<LoadedModels | null> {
    const entry = this.loads.get(version);
    if (entry && !(entry.failedAt !== undefined && Date.now() - entry.failedAt > RETRY_FAILED_LOAD_MS)) return entry.promise;
    const fresh: LoadEntry = { promise: Promise.resolve(null) };
    fresh.promise = this.load(version).then(
      (models) => {
        fresh.value = models;
        if (this.active && this.active.version !== version) {
          // A load that finished after another version became active: serve its waiting callers, keep nothing.
          if (this.loads.get(version) === fresh) this.loads.delete(version);
          return models;
        }
        // Only the active version's models stay in memory (plus loads still in flight).
        for (const [other, otherEntry] of this.loads) if (other !== version && otherEntry.value !== undefined) this.loads.delete(other);
        for (const listener of this.loadedListeners) listener(version);
        return models;
      },
      (error: unknown) => {
        fresh.value = null;
        fresh.failedAt = Date.now();
        this.logger.error(`could not load model ${version}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      },
    );
    this.loads.set(version, fresh);
    return fresh.promise;
  }

  /** Calls `listener` whenever a version's models finish loading (and older versions are released). */
  onLoaded(listener: (version: string) => void): void {
    this.loadedListeners.add(listener);
  }

  /** The models of `version` if they are already in memory (never waits, never starts a load). */
  peek(version: string): LoadedModels | null {
    return this.loads.get(version)?.value ?? null;
  }

  /** Forgets the cached version so the next use re-reads `active_model` (tests, admin tools). */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async readActive(): Promise<ActiveVersion | null> {
    const rows = await this.prisma.$queryRaw<ActiveVersion[]>`
      SELECT a.version, m.snapshot_at AS "snapshotAt"
      FROM active_model a JOIN model_versions m ON m.version = a.version
      WHERE a.id = 1`;
    this.setActive(rows[0] ?? null);
    return this.active;
  }

  private setActive(active: ActiveVersion | null): void {
    const changed = active?.version !== this.active?.version;
    this.active = active;
    this.checkedAt = Date.now();
    if (changed && active) {
      this.logger.log(`active model is ${active.version}`);
      void this.modelsOf(active.version);
    }
  }

  private async load(version: string): Promise<LoadedModels> {
    const started = Date.now();
    const [stored, genreRows] = await Promise.all([
      // Users are folded in from their current ratings: the trained user side is never read here.
      this.store.load(version, { users: false }),
      this.prisma.$queryRaw<{ movieId: number; genres: string[] }[]>`
        SELECT mg.movie_id AS "movieId", array_agg(g.name) AS genres FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id GROUP BY mg.movie_id`,
    ]);
    const genres = itemGenres(
      stored.implicit.itemIds,
      stored.implicit.itemCounts,
      new Map(genreRows.map((row) => [row.movieId, row.genres])),
    );
    this.logger.log(
      `loaded model ${version} in ${Date.now() - started} ms ` +
        `(${stored.implicit.itemIds.length} items, ranks ${stored.explicit.rank}/${stored.implicit.rank}; user factors not loaded)`,
    );
    return { version, ...stored, genres };
  }
}
