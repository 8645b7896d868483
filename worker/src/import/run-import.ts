import type { ImportMovieLensResult, MovieLensFile, MovieLensImportStage, StagedMovieLensFile } from '@reelrank/workflows';
import type { MovieLensImporter } from './movielens-importer';

export interface RunImportOptions {
  onStage?: (stage: MovieLensImportStage) => void;
  onStaged?: (staged: StagedMovieLensFile) => void;
}

/**
 * The import workflow's sequence without Temporal (same activities code, in this process): used by the
 * ingest bench and by tests that need an undisturbed reference import.
 */
export async function runMovieLensImport(
  importer: MovieLensImporter,
  datasetVersion: string,
  options: RunImportOptions = {},
): Promise<ImportMovieLensResult> {
  const { onStage = () => undefined, onStaged = () => undefined } = options;
  try {
    onStage('validating');
    const prepared = await importer.prepare({ datasetVersion });
    const stage = async (file: MovieLensFile) => {
      const staged = await importer.stage({
        importId: prepared.importId,
        datasetVersion,
        file: prepared.files.find((f) => f.file === file)!,
      });
      onStaged(staged);
      return staged;
    };
    onStage('loading-movies');
    await stage('movies');
    onStage('loading-ratings');
    await Promise.all([stage('links'), stage('tags'), stage('ratings')]);
    onStage('merging');
    const result = await importer.merge({ importId: prepared.importId });
    onStage('done');
    return result;
  } catch (error) {
    onStage('failed');
    await importer.markFailed({ datasetVersion, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
}
