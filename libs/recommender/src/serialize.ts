/**
 * Model ⇄ compact binary buffers + JSON manifest, e.g. stored as `models/<version>/manifest.json`
 * and `models/<version>/<file>`. Factors, biases and means are little-endian float32, ids and counts
 * little-endian int32; factor matrices are row-major (rows × rank).
 */
import { AlsModel, ExplicitParams, ImplicitParams } from './model';

export const MODEL_FORMAT = 'reelrank-als';
export const MODEL_FORMAT_VERSION = 1;

type DType = 'float32' | 'int32';

export interface ModelFileEntry {
  name: string;
  dtype: DType;
  length: number;
  bytes: number;
}

export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  kind: AlsModel['kind'];
  params: ExplicitParams | ImplicitParams;
  rank: number;
  globalMean: number;
  counts: { users: number; items: number; ratings: number };
  files: ModelFileEntry[];
  /** Free-form evaluation results and timings supplied by the caller. */
  metrics?: Record<string, unknown>;
  timings?: Record<string, unknown>;
  createdAt?: string;
}

export interface SerializedModel {
  manifest: ModelManifest;
  files: Record<string, Uint8Array>;
}

interface ArraySpec {
  name: string;
  dtype: DType;
  get: (model: AlsModel) => ArrayLike<number> | undefined;
}

const ARRAYS: ArraySpec[] = [
  { name: 'user-ids.i32', dtype: 'int32', get: (m) => m.userIds },
  { name: 'item-ids.i32', dtype: 'int32', get: (m) => m.itemIds },
  { name: 'user-factors.f32', dtype: 'float32', get: (m) => m.userFactors },
  { name: 'item-factors.f32', dtype: 'float32', get: (m) => m.itemFactors },
  { name: 'user-bias.f32', dtype: 'float32', get: (m) => (m.kind === 'explicit' ? m.userBias : undefined) },
  { name: 'item-bias.f32', dtype: 'float32', get: (m) => (m.kind === 'explicit' ? m.itemBias : undefined) },
  { name: 'user-counts.i32', dtype: 'int32', get: (m) => m.userCounts },
  { name: 'item-counts.i32', dtype: 'int32', get: (m) => m.itemCounts },
  { name: 'item-means.f32', dtype: 'float32', get: (m) => m.itemMeans },
];

function toBytes(values: ArrayLike<number>, dtype: DType): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let e = 0; e < values.length; e++) {
    if (dtype === 'float32') view.setFloat32(e * 4, values[e], true);
    else view.setInt32(e * 4, values[e], true);
  }
  return bytes;
}

function fromBytes(bytes: Uint8Array, entry: ModelFileEntry): Float64Array | Int32Array {
  if (bytes.byteLength !== entry.bytes) throw new Error(`model file ${entry.name}: expected ${entry.bytes} bytes, got ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = entry.dtype === 'float32' ? new Float64Array(entry.length) : new Int32Array(entry.length);
  for (let e = 0; e < entry.length; e++) out[e] = entry.dtype === 'float32' ? view.getFloat32(e * 4, true) : view.getInt32(e * 4, true);
  return out;
}

export function serializeModel(model: AlsModel, extra: Pick<ModelManifest, 'metrics' | 'timings' | 'createdAt'> = {}): SerializedModel {
  const files: Record<string, Uint8Array> = {};
  const entries: ModelFileEntry[] = [];
  for (const spec of ARRAYS) {
    const values = spec.get(model);
    if (!values) continue;
    files[spec.name] = toBytes(values, spec.dtype);
    entries.push({ name: spec.name, dtype: spec.dtype, length: values.length, bytes: values.length * 4 });
  }
  let ratings = 0;
  for (const count of model.userCounts) ratings += count;
  return {
    manifest: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      kind: model.kind,
      params: model.params,
      rank: model.rank,
      globalMean: model.globalMean,
      counts: { users: model.userIds.length, items: model.itemIds.length, ratings },
      files: entries,
      ...extra,
    },
    files,
  };
}

/** The files of a model's user side (ids, factors, biases, counts): what serving never reads. */
export const USER_SIDE_FILES: readonly string[] = ['user-ids.i32', 'user-factors.f32', 'user-bias.f32', 'user-counts.i32'];

/**
 * Rebuilds a model (factors widened back to float64) from a manifest and its files. With `users: false` the
 * user side is left empty (its files need not be given): serving folds users in from their current ratings,
 * and at 200k users the trained user factors of both models would take 100 MB for nothing.
 */
export function deserializeModel(manifest: ModelManifest, files: Record<string, Uint8Array>, options: { users?: boolean } = {}): AlsModel {
  if (manifest.format !== MODEL_FORMAT || manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`unsupported model format ${manifest.format} v${manifest.formatVersion}`);
  }
  const withUsers = options.users ?? true;
  const read = (name: string) => {
    if (!withUsers && USER_SIDE_FILES.includes(name)) return name.endsWith('.i32') ? new Int32Array(0) : new Float64Array(0);
    const entry = manifest.files.find((f) => f.name === name);
    const bytes = files[name];
    if (!entry || !bytes) throw new Error(`model file ${name} is missing`);
    return fromBytes(bytes, entry);
  };
  const base = {
    rank: manifest.rank,
    globalMean: manifest.globalMean,
    userIds: read('user-ids.i32') as Int32Array,
    itemIds: read('item-ids.i32') as Int32Array,
    userFactors: read('user-factors.f32') as Float64Array,
    itemFactors: read('item-factors.f32') as Float64Array,
    userCounts: read('user-counts.i32') as Int32Array,
    itemCounts: read('item-counts.i32') as Int32Array,
    itemMeans: read('item-means.f32') as Float64Array,
  };
  if (manifest.kind === 'explicit') {
    return {
      ...base,
      kind: 'explicit',
      params: manifest.params as ExplicitParams,
      userBias: read('user-bias.f32') as Float64Array,
      itemBias: read('item-bias.f32') as Float64Array,
    };
  }
  return { ...base, kind: 'implicit', params: manifest.params as ImplicitParams };
}
