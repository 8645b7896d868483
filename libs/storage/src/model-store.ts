import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Injectable } from '@nestjs/common';
import { readJsonObject, writeJsonObject } from './s3';
import {
  deserializeModel,
  serializeModel,
  USER_SIDE_FILES,
  type ExplicitModel,
  type ImplicitModel,
  type ModelManifest,
} from '@reelrank/recommender';
import { ObjectStorage } from './object-storage';

/** What a model version stores next to its factors (`models/<version>/manifest.json`). */
export interface ModelVersionManifest {
  version: string;
  createdAt: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  dataCounts: Record<string, unknown>;
  timings: Record<string, unknown>;
  models: { explicit: ModelManifest; implicit: ModelManifest };
}

export interface StoredModels {
  manifest: ModelVersionManifest;
  explicit: ExplicitModel;
  implicit: ImplicitModel;
}

export const modelPrefix = (version: string) => `models/${version}/`;

const manifestKey = (version: string) => `${modelPrefix(version)}manifest.json`;

/**
 * Model versions in object storage: `models/<version>/manifest.json` plus the binary arrays of the
 * explicit (rating prediction) and implicit (ranking) ALS models under `explicit/` and `implicit/`.
 */
@Injectable()
export class ModelStore {
  constructor(private readonly storage: ObjectStorage) {}

  async save(
    version: string,
    models: { explicit: ExplicitModel; implicit: ImplicitModel },
    details: Omit<ModelVersionManifest, 'version' | 'createdAt' | 'models'>,
  ): Promise<ModelVersionManifest> {
    const createdAt = new Date().toISOString();
    const manifests = {} as ModelVersionManifest['models'];
    for (const kind of ['explicit', 'implicit'] as const) {
      const { manifest, files } = serializeModel(models[kind], { createdAt });
      for (const [name, bytes] of Object.entries(files)) await this.put(`${modelPrefix(version)}${kind}/${name}`, bytes);
      manifests[kind] = manifest;
    }
    // The manifest is written last: a version without one is incomplete and never loaded.
    const manifest: ModelVersionManifest = { version, createdAt, ...details, models: manifests };
    await writeJsonObject(this.storage.client, this.storage.bucket, manifestKey(version), manifest, { pretty: true });
    return manifest;
  }

  /** The version's manifest, or undefined while it has none (not stored, or stored only in part). */
  readManifest(version: string): Promise<ModelVersionManifest | undefined> {
    return readJsonObject<ModelVersionManifest>(this.storage.client, this.storage.bucket, manifestKey(version));
  }

  /**
   * The version's models; with `users: false` their user side is empty and never downloaded (serving: users
   * are folded in from their current ratings).
   */
  async load(version: string, options: { users?: boolean } = {}): Promise<StoredModels> {
    const manifest = await this.readManifest(version);
    if (!manifest) throw new Error(`model version ${version} has no manifest (${manifestKey(version)}): it was never stored completely`);
    const withUsers = options.users ?? true;
    const read = async (kind: 'explicit' | 'implicit') => {
      const files: Record<string, Uint8Array> = {};
      for (const entry of manifest.models[kind].files) {
        if (withUsers || !USER_SIDE_FILES.includes(entry.name))
          files[entry.name] = await this.get(`${modelPrefix(version)}${kind}/${entry.name}`);
      }
      return deserializeModel(manifest.models[kind], files, { users: withUsers });
    };
    return { manifest, explicit: (await read('explicit')) as ExplicitModel, implicit: (await read('implicit')) as ImplicitModel };
  }

  private async put(key: string, body: Uint8Array): Promise<void> {
    await this.storage.client.send(
      new PutObjectCommand({ Bucket: this.storage.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' }),
    );
  }

  private async get(key: string): Promise<Uint8Array> {
    const object = await this.storage.client.send(new GetObjectCommand({ Bucket: this.storage.bucket, Key: key }));
    if (!object.Body) throw new Error(`model object ${key} is empty`);
    return object.Body.transformToByteArray();
  }
}
