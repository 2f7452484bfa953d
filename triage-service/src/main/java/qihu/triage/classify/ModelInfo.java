package qihu.triage.classify;

/**
 * Where a model comes from.
 *
 * @param formatVersion the model file format it is written in
 * @param id {@code sha256:} and the first 16 hex digits of the model's content hash: two models with the same id
 *     classify alike
 * @param description what it was trained on, for people
 * @param trainingExamples how many labelled texts it was trained on
 */
public record ModelInfo(int formatVersion, String id, String description, int trainingExamples) {}
