import { Injectable } from '@nestjs/common';
import { listFolders, ObjectStorage, readJsonObject } from '@reelrank/storage';
import {
  importMovieLensWorkflowId,
  MOVIELENS_FILES,
  movieLensManifestKey,
  MOVIELENS_RAW_ZONE,
  type MovieLensManifest,
} from '@reelrank/workflows';
import { PrismaService } from '../prisma/prisma.service';
import type { DatasetImport, DatasetVersion } from './models/dataset-version.model';

interface ImportRow {
  datasetVersion: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  checksums: Record<string, string | null> | null;
}

/** The dataset versions of the raw zone with their manifests, and what the latest import of each made of them. */
@Injectable()
export class DatasetVersionsService {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly prisma: PrismaService,
  ) {}

  /** Every version folder of the raw zone, by name. */
  async list(): Promise<DatasetVersion[]> {
    const versions = await listFolders(this.storage.client, this.storage.bucket, MOVIELENS_RAW_ZONE);
    if (!versions.length) return [];
    const imports = await this.prisma.$queryRaw<ImportRow[]>`
      SELECT i.dataset_version AS "datasetVersion", i.status::text AS status, i.started_at AS "startedAt",
             i.finished_at AS "finishedAt", i.error, json_object_agg(f.file, f.sha256) FILTER (WHERE f.file IS NOT NULL) AS checksums
      FROM dataset_imports i LEFT JOIN dataset_import_files f ON f.import_id = i.id
      WHERE i.dataset_version = ANY(${versions}::text[])
      GROUP BY i.id`;
    const importOf = new Map(imports.map((row) => [row.datasetVersion, row]));
    return Promise.all(versions.map(async (version) => this.describe(version, importOf.get(version))));
  }

  private async describe(version: string, imported: ImportRow | undefined): Promise<DatasetVersion> {
    const { client, bucket } = this.storage;
    const manifest = await readJsonObject<MovieLensManifest>(client, bucket, movieLensManifestKey(version)).catch((error: unknown) => {
      if (error instanceof SyntaxError) return undefined; // not JSON: shown without files, as the import refuses it
      throw error;
    });
    const matches = (file: (typeof MOVIELENS_FILES)[number]) =>
      !!manifest?.files?.[file] && imported?.checksums?.[file] === manifest.files[file].sha256;
    const lastImport: DatasetImport | null = imported
      ? {
          status: imported.status,
          workflowId: importMovieLensWorkflowId(version),
          startedAt: imported.startedAt,
          finishedAt: imported.finishedAt,
          error: imported.error,
          matchesUpload: MOVIELENS_FILES.every(matches),
        }
      : null;
    return {
      version,
      uploadedAt: manifest?.uploadedAt ? new Date(manifest.uploadedAt) : null,
      files: manifest?.files
        ? MOVIELENS_FILES.filter((file) => manifest.files[file]).map((file) => ({
            file,
            ...manifest.files[file],
            imported: imported?.status === 'DONE' && matches(file),
          }))
        : [],
      lastImport,
    };
  }
}
