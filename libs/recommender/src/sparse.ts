/**
 * Compressed sparse rows over SharedArrayBuffers, so worker threads can read them without copies.
 * Row r holds entries `indptr[r] .. indptr[r+1]-1` of `indices` (column) and `values`.
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** Counting-sort build; entries keep their input order within a row. */
export function buildCsr(rowOf: Int32Array, colOf: Int32Array, values: ArrayLike<number>, rows: number, cols: number): CsrMatrix {
  const nnz = rowOf.length;
  const indptr = sharedInt32(rows + 1);
  for (let e = 0; e < nnz; e++) indptr[rowOf[e] + 1]++;
  for (let r = 0; r < rows; r++) indptr[r + 1] += indptr[r];
  const cursor = indptr.slice(0, rows);
  const indices = sharedInt32(nnz);
  const out = sharedFloat32(nnz);
  for (let e = 0; e < nnz; e++) {
    const p = cursor[rowOf[e]]++;
    indices[p] = colOf[e];
    out[p] = values[e];
  }
  return { rows, cols, indptr, indices, values: out };
}

/** Number of stored entries in each row. */
export function rowCounts(matrix: CsrMatrix): Int32Array {
  const counts = new Int32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) counts[r] = matrix.indptr[r + 1] - matrix.indptr[r];
  return counts;
}
