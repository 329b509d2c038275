/** A sparse vector: feature indexes and their values. */
export interface SparseVector {
  features: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Rows of sparse vectors, stored by feature (compressed columns in typed arrays), so that the
 * dot product of a query with every row costs only the entries of the query's features.
 * Built in two passes without a per-entry allocation: tens of thousands of rows load in
 * milliseconds.
 */
export class InvertedIndex {
  readonly size: number;
  private readonly offsets: Int32Array;
  private readonly rows: Int32Array;
  private readonly values: Float32Array;

  constructor(featureCount: number, vectors: readonly SparseVector[]) {
    this.size = vectors.length;
    const counts = new Int32Array(featureCount + 1);
    for (const v of vectors) for (let i = 0; i < v.features.length; i++) counts[v.features[i] + 1]++;
    for (let f = 0; f < featureCount; f++) counts[f + 1] += counts[f];
    this.offsets = counts;
    const fill = counts.slice(0, featureCount);
    this.rows = new Int32Array(counts[featureCount]);
    this.values = new Float32Array(counts[featureCount]);
    vectors.forEach((v, row) => {
      for (let i = 0; i < v.features.length; i++) {
        const at = fill[v.features[i]]++;
        this.rows[at] = row;
        this.values[at] = v.values[i];
      }
    });
  }

  /**
   * Adds `query · row` to `into[row]` for every row sharing a feature with the query; with
   * `touched`, also lists those rows (the ones `into` held 0 for), so that a caller can read and
   * clear just them instead of every row.
   */
  dot(query: ReadonlyMap<number, number>, into: Float64Array, touched?: number[]): void {
    const { offsets, rows, values } = this;
    for (const [feature, q] of query) {
      if (feature + 1 >= offsets.length) continue;
      for (let at = offsets[feature]; at < offsets[feature + 1]; at++) {
        const row = rows[at];
        if (touched && into[row] === 0) touched.push(row);
        into[row] += q * values[at];
      }
    }
  }
}
