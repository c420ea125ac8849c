package ai.usheru.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions), computed in-process by ONNX Runtime: word
 * pieces in, the transformer's last hidden states out, mean-pooled over the real tokens and scaled
 * to unit length, so cosine similarity is a dot product. The model (int8-quantised) and its
 * tokenizer come from a Maven artifact on the classpath; nothing is downloaded. Recent texts are
 * cached, since one question is searched in several collections.
 */
public final class MiniLmEmbeddingModel extends AbstractEmbeddingModel implements AutoCloseable {

    public static final int DIMENSIONS = 384;
    static final Resource MODEL = new ClassPathResource("all-minilm-l6-v2-q.onnx");
    static final Resource TOKENIZER = new ClassPathResource("all-minilm-l6-v2-q-tokenizer.json");
    private static final int MAX_TOKENS = 256;
    private static final int CACHED_TEXTS = 512;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final Map<String, float[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED_TEXTS;
        }
    });

    public MiniLmEmbeddingModel() {
        this(MODEL, TOKENIZER);
    }

    MiniLmEmbeddingModel(Resource model, Resource tokenizerJson) {
        try (InputStream modelBytes = model.getInputStream(); InputStream tokenizerBytes = tokenizerJson.getInputStream()) {
            this.tokenizer = WordPieceTokenizer.fromTokenizerJson(tokenizerBytes, MAX_TOKENS);
            this.environment = OrtEnvironment.getEnvironment();
            var options = new OrtSession.SessionOptions();
            // One thread per call: concurrent asks already keep the cores busy.
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(modelBytes.readAllBytes(), options);
            this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("The embedding model could not be loaded: " + e.getMessage(), e);
        }
        embeddingDimensions.set(DIMENSIONS);
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        var embeddings = new ArrayList<Embedding>();
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            embeddings.add(new Embedding(embed(texts.get(i)), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    /** A document is embedded by its text alone, whichever store asks: metadata never shifts its meaning. */
    @Override
    public float[] embed(Document document) {
        return embed(getEmbeddingContent(document));
    }

    @Override
    public String getEmbeddingContent(Document document) {
        return document.getText() == null ? "" : document.getText();
    }

    @Override
    public float[] embed(String text) {
        float[] cached = cache.get(text);
        if (cached != null) {
            return cached.clone();
        }
        float[] vector = compute(text);
        cache.put(text, vector);
        return vector.clone();
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    private float[] compute(String text) {
        long[] ids = tokenizer.encode(text);
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1L);
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor tokenTypes = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
            var inputs = new LinkedHashMap<String, OnnxTensor>();
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", attention);
            if (needsTokenTypes) {
                inputs.put("token_type_ids", tokenTypes);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                return meanPooledUnitVector(hidden);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model failed: " + e.getMessage(), e);
        }
    }

    /** Every token here is real (no padding), so the mean runs over all of them. */
    static float[] meanPooledUnitVector(float[][] hidden) {
        int width = hidden[0].length;
        float[] mean = new float[width];
        for (float[] token : hidden) {
            for (int d = 0; d < width; d++) {
                mean[d] += token[d];
            }
        }
        double norm = 0;
        for (int d = 0; d < width; d++) {
            mean[d] /= hidden.length;
            norm += mean[d] * mean[d];
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < width; d++) {
            mean[d] *= scale;
        }
        return mean;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
