package qihu.triage.classify;

/** A feature vector with only its non-zero entries, indices ascending. */
record SparseVector(int[] indices, float[] values) {}
