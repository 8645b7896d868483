/**
 * Hot loops: the ALS solves of both variants and batch top-k scoring. A solve task handles a
 * contiguous range of rows (users, or items via the transposed matrix) against the fixed factors
 * of the other side; a top-k task ranks all items for a range of users. Tasks only touch typed
 * arrays, so the same code runs inline or inside a worker thread on SharedArrayBuffers; the
 * per-row arithmetic (and so the result) is identical either way.
 */
import { Matrix, solve } from 'ml-matrix';

/** Explicit ALS-WR with biases, solved jointly as an augmented column: for row u with n_u ratings,
 *  [x_u; b_u] = argmin Σ_i (r_ui − μ − b_i − x_u·y_i − b_u)² + λ·(n_u + pseudoCount)·|x_u|² + λ_b·b_u². */
export interface ExplicitSolveTask {
  kind: 'explicit';
  start: number;
  end: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  fixedFactors: Float64Array;
  fixedBias: Float64Array;
  outFactors: Float64Array;
  outBias: Float64Array;
  rank: number;
  globalMean: number;
  lambda: number;
  pseudoCount: number;
  biasLambda: number;
}

/** Implicit ALS (Hu, Koren, Volinsky 2008): x_u = (YᵀY + Yᵀ(C_u − I)Y + λI)⁻¹ YᵀC_u p_u,
 *  where `values` hold the signed confidences of {@link confidenceOf} (+c_ui: p_ui = 1; −c_ui: a
 *  dislike, p_ui = 0) and `gram` holds YᵀY + λI. With `cgSteps` > 0 the system is not solved
 *  exactly: that many conjugate-gradient steps start from the row's current factors (Takács,
 *  Pilászy, Tikk 2011), each costing one product with `gram` and two passes over the row's items. */
export interface ImplicitSolveTask {
  kind: 'implicit';
  start: number;
  end: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  fixedFactors: Float64Array;
  outFactors: Float64Array;
  gram: Float64Array;
  rank: number;
  cgSteps?: number;
}

/**
 * Top-k items for users start..end−1 by x_u·y_i (+ μ + b_u + b_i when biases are given), leaving
 * out each user's `exclude` row; written to `out[u·k ..]`, padded with −1.
 */
export interface TopKTask {
  kind: 'top-k';
  start: number;
  end: number;
  k: number;
  rank: number;
  userFactors: Float64Array;
  itemFactors: Float64Array;
  globalMean: number;
  userBias?: Float64Array;
  itemBias?: Float64Array;
  excludeIndptr: Int32Array;
  excludeIndices: Int32Array;
  out: Int32Array;
}

export type KernelTask = ExplicitSolveTask | ImplicitSolveTask | TopKTask;

export function runKernelTask(task: KernelTask): void {
  if (task.kind === 'explicit') solveExplicitRows(task);
  else if (task.kind === 'implicit') {
    if (task.cgSteps) conjugateGradientRows(task, task.cgSteps);
    else solveImplicitRows(task);
  } else topKRows(task);
}

function topKRows(task: TopKTask): void {
  const { k, rank, userFactors, itemFactors, userBias, itemBias, excludeIndptr, excludeIndices, out } = task;
  const items = itemFactors.length / rank;
  const scores = new Float64Array(items);
  const excludedFor = new Int32Array(items).fill(-1);
  for (let u = task.start; u < task.end; u++) {
    for (let p = excludeIndptr[u]; p < excludeIndptr[u + 1]; p++) excludedFor[excludeIndices[p]] = u;
    const offset = userBias ? task.globalMean + userBias[u] : 0;
    scoreAll(userFactors, u * rank, itemFactors, rank, offset, itemBias, scores);
    const best = topK(scores, k, (item) => excludedFor[item] === u);
    out.fill(-1, u * k, (u + 1) * k);
    out.set(best, u * k);
  }
}

/** out[i] = offset + (itemOffset?.[i] ?? 0) + x·y_i for x = factors[from .. from+rank−1]. */
export function scoreAll(
  factors: Float64Array,
  from: number,
  itemFactors: Float64Array,
  rank: number,
  offset: number,
  itemOffset: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  scoreAllMany([factors.subarray(from, from + rank)], itemFactors, rank, [offset], itemOffset, [out]);
  return out;
}

/**
 * {@link scoreAll} for several user vectors at once, bit for bit the same figures: outs[u][i] = offsets[u] +
 * (itemOffset?.[i] ?? 0) + users[u]·y_i. Each item's factors are read from memory once for all the users (at
 * 87,000 movies a model's item factors are 22 MB, far beyond the caches).
 */
export function scoreAllMany(
  users: readonly Float64Array[],
  itemFactors: Float64Array,
  rank: number,
  offsets: readonly number[],
  itemOffset: Float64Array | undefined,
  outs: readonly Float64Array[],
): void {
  const items = outs.length > 0 ? outs[0].length : 0;
  for (let i = 0; i < items; i++) {
    const io = i * rank;
    for (let u = 0; u < users.length; u++) {
      const x = users[u];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let r = 0;
      for (; r + 3 < rank; r += 4) {
        s0 += x[r] * itemFactors[io + r];
        s1 += x[r + 1] * itemFactors[io + r + 1];
        s2 += x[r + 2] * itemFactors[io + r + 2];
        s3 += x[r + 3] * itemFactors[io + r + 3];
      }
      for (; r < rank; r++) s0 += x[r] * itemFactors[io + r];
      outs[u][i] = offsets[u] + (s0 + s1 + (s2 + s3));
    }
  }
  if (itemOffset) for (const out of outs) for (let i = 0; i < items; i++) out[i] += itemOffset[i];
}

/** Indices of the k highest scores, best first, skipping excluded items; ties go to the lower index. */
export function topK(scores: ArrayLike<number>, k: number, isExcluded: (item: number) => boolean = () => false): Int32Array {
  const items = new Int32Array(k);
  const values = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if ((size === k && !(s > values[k - 1])) || Number.isNaN(s) || isExcluded(i)) continue;
    let p = size < k ? size++ : k - 1;
    while (p > 0 && values[p - 1] < s) {
      values[p] = values[p - 1];
      items[p] = items[p - 1];
      p--;
    }
    values[p] = s;
    items[p] = i;
  }
  return items.slice(0, size);
}

function solveExplicitRows(task: ExplicitSolveTask): void {
  const { indptr, indices, values, fixedFactors: y, fixedBias, outFactors, outBias, rank: k } = task;
  const { globalMean, lambda, pseudoCount, biasLambda } = task;
  const d = k + 1;
  const rows = k + 2;
  const z = new Float64Array(rows * longestRow(indptr, task.start, task.end));
  const g = new Float64Array(rows * rows);
  const a = new Float64Array(d * d);
  const m = new Float64Array(d * d);
  const chol = new Float64Array(d * d);
  const weights = new Float64Array(d);
  const x = new Float64Array(d);
  for (let u = task.start; u < task.end; u++) {
    const p0 = indptr[u];
    const n = indptr[u + 1] - p0;
    const uo = u * k;
    if (n === 0) {
      outFactors.fill(0, uo, uo + k);
      outBias[u] = 0;
      continue;
    }
    for (let q = 0; q < n; q++) {
      const i = indices[p0 + q];
      const io = i * k;
      for (let r = 0; r < k; r++) z[r * n + q] = y[io + r];
      z[k * n + q] = 1;
      z[(k + 1) * n + q] = values[p0 + q] - globalMean - fixedBias[i];
    }
    const factorPenalty = lambda * (n + pseudoCount);
    if (n < d && factorPenalty > 0 && biasLambda > 0) {
      solveDual(z, n, k, factorPenalty, biasLambda, m, chol, weights, x);
    } else {
      lowerGram(z, z, n, rows, g, rows);
      for (let r = 0; r < d; r++) {
        for (let c = 0; c <= r; c++) a[r * d + c] = g[r * rows + c];
        x[r] = g[(k + 1) * rows + r];
      }
      for (let r = 0; r < k; r++) a[r * d + r] += factorPenalty;
      a[k * d + k] += biasLambda;
      solveSymmetric(a, chol, x, d);
    }
    for (let r = 0; r < k; r++) outFactors[uo + r] = x[r];
    outBias[u] = x[k];
  }
}

function solveImplicitRows(task: ImplicitSolveTask): void {
  const { indptr, indices, values, fixedFactors: y, outFactors, gram, rank: k } = task;
  const rows = k + 1;
  const longest = longestRow(indptr, task.start, task.end);
  const z = new Float64Array(rows * longest);
  const weighted = new Float64Array(rows * longest);
  const g = new Float64Array(rows * rows);
  const a = new Float64Array(k * k);
  const chol = new Float64Array(k * k);
  const x = new Float64Array(k);
  for (let u = task.start; u < task.end; u++) {
    const p0 = indptr[u];
    const n = indptr[u + 1] - p0;
    const uo = u * k;
    if (n === 0) {
      outFactors.fill(0, uo, uo + k);
      continue;
    }
    for (let q = 0; q < n; q++) {
      const io = indices[p0 + q] * k;
      const signed = values[p0 + q];
      const confidence = Math.abs(signed);
      const extra = confidence - 1;
      for (let r = 0; r < k; r++) {
        const yr = y[io + r];
        z[r * n + q] = yr;
        weighted[r * n + q] = extra * yr;
      }
      z[k * n + q] = 1;
      weighted[k * n + q] = signed > 0 ? confidence : 0;
    }
    // Rows 0..k−1: lower triangle of Yᵀ(C−I)Y; row k: YᵀCp.
    lowerGram(weighted, z, n, rows, g, rows);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c <= r; c++) a[r * k + c] = gram[r * k + c] + g[r * rows + c];
      x[r] = g[k * rows + r];
    }
    solveSymmetric(a, chol, x, k);
    for (let r = 0; r < k; r++) outFactors[uo + r] = x[r];
  }
}

/**
 * `steps` conjugate-gradient steps on A·x = b per row, from the row's current factors in `outFactors`
 * (warm start): A·p = gram·p + Σ_j (c_j − 1)(y_j·p)·y_j over the row's items only, b = Σ_j c_j·p_j·y_j.
 */
function conjugateGradientRows(task: ImplicitSolveTask, steps: number): void {
  const { indptr, indices, values, fixedFactors: y, outFactors: x, gram, rank: k } = task;
  const residual = new Float64Array(k);
  const direction = new Float64Array(k);
  const product = new Float64Array(k);
  for (let u = task.start; u < task.end; u++) {
    const p0 = indptr[u];
    const p1 = indptr[u + 1];
    const uo = u * k;
    if (p1 === p0) {
      x.fill(0, uo, uo + k);
      continue;
    }
    // residual = b − A·x
    gramProduct(gram, x, uo, k, residual);
    for (let r = 0; r < k; r++) residual[r] = -residual[r];
    for (let p = p0; p < p1; p++) {
      const io = indices[p] * k;
      const signed = values[p];
      const confidence = Math.abs(signed);
      const weight = (signed > 0 ? confidence : 0) - (confidence - 1) * dot(y, io, x, uo, k);
      for (let r = 0; r < k; r++) residual[r] += weight * y[io + r];
    }
    direction.set(residual);
    let squared = dot(residual, 0, residual, 0, k);
    for (let step = 0; step < steps && squared > 1e-20; step++) {
      gramProduct(gram, direction, 0, k, product);
      for (let p = p0; p < p1; p++) {
        const io = indices[p] * k;
        const weight = (Math.abs(values[p]) - 1) * dot(y, io, direction, 0, k);
        for (let r = 0; r < k; r++) product[r] += weight * y[io + r];
      }
      const length = squared / dot(direction, 0, product, 0, k);
      for (let r = 0; r < k; r++) {
        x[uo + r] += length * direction[r];
        residual[r] -= length * product[r];
      }
      const next = dot(residual, 0, residual, 0, k);
      for (let r = 0; r < k; r++) direction[r] = residual[r] + (next / squared) * direction[r];
      squared = next;
    }
  }
}

/** out = gram · v[from .. from+k−1] for a full symmetric row-major k×k `gram`. */
function gramProduct(gram: Float64Array, v: Float64Array, from: number, k: number, out: Float64Array): void {
  for (let r = 0; r < k; r++) out[r] = dot(gram, r * k, v, from, k);
}

/**
 * The same ridge solution for a row with fewer ratings than unknowns, via the push-through
 * identity (D + ZZᵀ)⁻¹Z = D⁻¹Z(I + ZᵀD⁻¹Z)⁻¹: an n×n instead of a (k+1)×(k+1) system.
 * `z` holds the row's k factor rows, a row of ones and the targets (each n long); D is the
 * diagonal penalty (factorPenalty on factors, biasLambda on the bias).
 */
function solveDual(
  z: Float64Array,
  n: number,
  k: number,
  factorPenalty: number,
  biasLambda: number,
  m: Float64Array,
  chol: Float64Array,
  weights: Float64Array,
  x: Float64Array,
): void {
  const inverseFactor = 1 / factorPenalty;
  const inverseBias = 1 / biasLambda;
  for (let q = 0; q < n; q++) {
    for (let s = 0; s <= q; s++) {
      let sum = 0;
      for (let r = 0; r < k; r++) sum += z[r * n + q] * z[r * n + s];
      m[q * n + s] = sum * inverseFactor + inverseBias + (q === s ? 1 : 0);
    }
  }
  const targets = k + 1;
  for (let q = 0; q < n; q++) weights[q] = z[targets * n + q];
  solveSymmetric(m, chol, weights, n);
  let biasSum = 0;
  for (let q = 0; q < n; q++) biasSum += weights[q];
  for (let r = 0; r < k; r++) {
    let sum = 0;
    for (let q = 0; q < n; q++) sum += z[r * n + q] * weights[q];
    x[r] = sum * inverseFactor;
  }
  x[k] = biasSum * inverseBias;
}

function longestRow(indptr: Int32Array, start: number, end: number): number {
  let longest = 0;
  for (let r = start; r < end; r++) longest = Math.max(longest, indptr[r + 1] - indptr[r]);
  return longest;
}

/**
 * out[r·stride + c] = Σ_q left[r·n + q]·right[c·n + q] for c ≤ r < rows: the lower triangle of
 * left·rightᵀ for row-major rows × n blocks. Works on 2 rows × 4 columns at a time so the eight
 * sums stay in registers and each loaded value is used two or four times.
 */
function lowerGram(left: Float64Array, right: Float64Array, n: number, rows: number, out: Float64Array, stride: number): void {
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const l0 = r * n;
    const l1 = l0 + n;
    const o0 = r * stride;
    const o1 = o0 + stride;
    let c = 0;
    for (; c + 3 <= r; c += 4) {
      const c0 = c * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let q = 0; q < n; q++) {
        const u = left[l0 + q];
        const v = left[l1 + q];
        const x0 = right[c0 + q];
        const x1 = right[c1 + q];
        const x2 = right[c2 + q];
        const x3 = right[c3 + q];
        a0 += u * x0;
        a1 += u * x1;
        a2 += u * x2;
        a3 += u * x3;
        b0 += v * x0;
        b1 += v * x1;
        b2 += v * x2;
        b3 += v * x3;
      }
      out[o0 + c] = a0;
      out[o0 + c + 1] = a1;
      out[o0 + c + 2] = a2;
      out[o0 + c + 3] = a3;
      out[o1 + c] = b0;
      out[o1 + c + 1] = b1;
      out[o1 + c + 2] = b2;
      out[o1 + c + 3] = b3;
    }
    for (; c <= r + 1; c++) {
      const cc = c * n;
      let a = 0;
      let b = 0;
      for (let q = 0; q < n; q++) {
        const x = right[cc + q];
        a += left[l0 + q] * x;
        b += left[l1 + q] * x;
      }
      if (c <= r) out[o0 + c] = a;
      out[o1 + c] = b;
    }
  }
  if (r < rows) {
    const lr = r * n;
    for (let c = 0; c <= r; c++) {
      const cc = c * n;
      let s = 0;
      for (let q = 0; q < n; q++) s += left[lr + q] * right[cc + q];
      out[r * stride + c] = s;
    }
  }
}

/**
 * Solves A·x = b for symmetric A (lower triangle of row-major `a` is read; `a` is kept) by
 * Cholesky into `chol`; `b` is overwritten with x. Falls back to ml-matrix's SVD solve when A is
 * not numerically positive definite (only reachable with λ = 0).
 */
export function solveSymmetric(a: Float64Array, chol: Float64Array, b: Float64Array, d: number): void {
  if (choleskyFactor(a, chol, d)) choleskySolve(chol, b, d);
  else solveDegenerate(a, b, d);
}

/** Lower Cholesky factor L of symmetric `a` (lower triangle read) into `chol`; false when A is not numerically positive definite. */
export function choleskyFactor(a: Float64Array, chol: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    const jr = j * d;
    const pivot = a[jr + j] - dot(chol, jr, chol, jr, j);
    if (!(pivot > 1e-300)) return false;
    const diagonal = Math.sqrt(pivot);
    chol[jr + j] = diagonal;
    const inverse = 1 / diagonal;
    for (let i = j + 1; i < d; i++) {
      const ir = i * d;
      chol[ir + j] = (a[ir + j] - dot(chol, ir, chol, jr, j)) * inverse;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place for the factor of {@link choleskyFactor}. */
export function choleskySolve(chol: Float64Array, b: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    const ir = i * d;
    let s = 0;
    for (let p = 0; p < i; p++) s += chol[ir + p] * b[p];
    b[i] = (b[i] - s) / chol[ir + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = b[i];
    for (let p = i + 1; p < d; p++) t -= chol[p * d + i] * b[p];
    b[i] = t / chol[i * d + i];
  }
}

/** Σ_{p<length} u[a+p]·v[b+p] with four independent accumulators. */
export function dot(u: Float64Array, a: number, v: Float64Array, b: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = 0;
  for (; p + 3 < length; p += 4) {
    s0 += u[a + p] * v[b + p];
    s1 += u[a + p + 1] * v[b + p + 1];
    s2 += u[a + p + 2] * v[b + p + 2];
    s3 += u[a + p + 3] * v[b + p + 3];
  }
  for (; p < length; p++) s0 += u[a + p] * v[b + p];
  return s0 + s1 + (s2 + s3);
}

function solveDegenerate(a: Float64Array, b: Float64Array, d: number): void {
  const full = new Matrix(d, d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c <= r; c++) {
      full.set(r, c, a[r * d + c]);
      full.set(c, r, a[r * d + c]);
    }
  }
  const solution = solve(full, Matrix.columnVector(Array.from(b)), true);
  for (let r = 0; r < d; r++) b[r] = solution.get(r, 0);
}
