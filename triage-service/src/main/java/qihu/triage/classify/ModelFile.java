package qihu.triage.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import qihu.triage.text.TextAnalyzer;

/**
 * The model file format (模型文件), version {@value #FORMAT_VERSION}: gzip around a header ({@code QIHUCLS} and the
 * format version), the description and number of training texts, the feature set, the vocabulary with its IDF, each
 * head with its labels and weights, the keyword rules, and last a SHA-256 of everything before it. The hash checks the
 * file on reading and gives the model its id. A file of another format version is refused, never guessed at.
 */
public final class ModelFile {

    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "QIHUCLS".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_LENGTH = 32;
    private static final int ID_HEX_DIGITS = 16;

    private ModelFile() {}

    public static void write(TextClassifier model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(model, out);
        }
    }

    public static void write(TextClassifier model, OutputStream out) throws IOException {
        byte[] payload = payload(model);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(payload);
            gzip.write(sha256(payload));
        }
    }

    public static TextClassifier read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static TextClassifier read(InputStream in, String name) throws IOException {
        byte[] bytes;
        try (GZIPInputStream gzip = new GZIPInputStream(in)) {
            bytes = gzip.readAllBytes();
        } catch (java.util.zip.ZipException e) {
            throw new InvalidModelException(name + " is not a Qihu model file (not gzip)");
        }
        if (bytes.length < MAGIC.length + DIGEST_LENGTH || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidModelException(name + " is not a Qihu model file");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - DIGEST_LENGTH);
        byte[] digest = Arrays.copyOfRange(bytes, bytes.length - DIGEST_LENGTH, bytes.length);
        if (!MessageDigest.isEqual(digest, sha256(payload))) {
            throw new InvalidModelException(name + " is damaged: its checksum does not match");
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(payload));
        data.skipBytes(MAGIC.length);
        int version = data.readInt();
        if (version != FORMAT_VERSION) {
            throw new InvalidModelException(
                    name + " has model format " + version + "; this version reads format " + FORMAT_VERSION);
        }
        String description = data.readUTF();
        int examples = data.readInt();
        FeatureSet featureSet = new FeatureSet(data.readBoolean(), data.readBoolean(), data.readInt(), data.readInt());
        int features = data.readInt();
        String[] vocabulary = new String[features];
        float[] idf = new float[features];
        for (int i = 0; i < features; i++) {
            vocabulary[i] = data.readUTF();
            idf[i] = data.readFloat();
        }
        int headCount = data.readInt();
        List<Head> heads = new ArrayList<>(headCount);
        for (int h = 0; h < headCount; h++) {
            String headName = data.readUTF();
            int labelCount = data.readInt();
            List<String> labels = new ArrayList<>(labelCount);
            for (int l = 0; l < labelCount; l++) {
                labels.add(data.readUTF());
            }
            float[] weights = readFloats(data, labelCount * features);
            float[] bias = readFloats(data, labelCount);
            heads.add(new Head(headName, labels, features, weights, bias));
        }
        int ruleCount = data.readInt();
        List<KeywordRules.Rule> rules = new ArrayList<>(ruleCount);
        for (int r = 0; r < ruleCount; r++) {
            rules.add(new KeywordRules.Rule(data.readUTF(), data.readUTF(), data.readUTF(), data.readDouble()));
        }
        ModelInfo info = new ModelInfo(version, id(digest), description, examples);
        return new TextClassifier(
                info,
                featureSet,
                new Vocabulary(vocabulary, idf),
                heads,
                new KeywordRules(rules),
                TextAnalyzer.standard());
    }

    /** The id a model gets from its content. */
    static String idOf(TextClassifier model) {
        try {
            return id(sha256(payload(model)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id(byte[] digest) {
        return "sha256:" + HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
    }

    private static byte[] payload(TextClassifier model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeUTF(model.info().description());
        data.writeInt(model.info().trainingExamples());
        FeatureSet features = model.featureSet();
        data.writeBoolean(features.words());
        data.writeBoolean(features.wordBigrams());
        data.writeInt(features.charNgramMin());
        data.writeInt(features.charNgramMax());
        Vocabulary vocabulary = model.vocabulary();
        data.writeInt(vocabulary.size());
        for (int i = 0; i < vocabulary.size(); i++) {
            data.writeUTF(vocabulary.feature(i));
            data.writeFloat(vocabulary.idf(i));
        }
        List<Head> heads = model.headList();
        data.writeInt(heads.size());
        for (Head head : heads) {
            data.writeUTF(head.name());
            data.writeInt(head.labels().size());
            for (String label : head.labels()) {
                data.writeUTF(label);
            }
            writeFloats(data, head.weights());
            writeFloats(data, head.bias());
        }
        List<KeywordRules.Rule> rules = model.rules().rules();
        data.writeInt(rules.size());
        for (KeywordRules.Rule rule : rules) {
            data.writeUTF(rule.head());
            data.writeUTF(rule.label());
            data.writeUTF(rule.keyword());
            data.writeDouble(rule.boost());
        }
        data.flush();
        return bytes.toByteArray();
    }

    private static void writeFloats(DataOutputStream data, float[] values) throws IOException {
        for (float value : values) {
            data.writeFloat(value);
        }
    }

    private static float[] readFloats(DataInputStream data, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = data.readFloat();
        }
        return values;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** A file that is not a model this version can read. */
    public static final class InvalidModelException extends IOException {
        public InvalidModelException(String message) {
            super(message);
        }
    }
}
