package ai.usheru.memory;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import ai.usheru.AppProperties;

/**
 * Embeddings and the vector store behind {@link Recall}. With {@code app.memory.store=auto} (the
 * default) the vectors live in PostgreSQL when it has pgvector (Spring AI's {@link PgVectorStore},
 * HNSW index, cosine distance) and otherwise, as in the embedded mode, in memory with an append-only
 * log under {@code APP_DATA_DIR/vectors} ({@link LogVectorStore}, read back in the background:
 * {@link BackgroundOpenedVectorStore}); {@code pgvector} insists on
 * PostgreSQL and {@code file} on the log.
 */
@Configuration(proxyBeanMethods = false)
class VectorMemoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VectorMemoryConfiguration.class);
    static final String TABLE = "memory_vectors";

    @Bean(destroyMethod = "close")
    MiniLmEmbeddingModel embeddingModel() {
        return new MiniLmEmbeddingModel();
    }

    @Bean
    VectorStore vectorStore(EmbeddingModel embeddingModel, DataSource dataSource, AppProperties properties) {
        String store = properties.memory().store();
        var jdbc = new JdbcTemplate(dataSource);
        boolean usePgvector = switch (store) {
            case "pgvector" -> {
                if (!PgVectors.enable(jdbc)) {
                    throw new IllegalStateException("app.memory.store=pgvector, but the database has no pgvector extension");
                }
                yield true;
            }
            case "file" -> false;
            case "auto" -> PgVectors.enable(jdbc);
            default -> throw new IllegalStateException("app.memory.store is auto, pgvector or file, not " + store);
        };
        if (usePgvector) {
            PgVectorStore pgvector = pgVectorStore(jdbc, embeddingModel, TABLE);
            try {
                pgvector.afterPropertiesSet(); // creates the table and index; Spring's second call finds them there
                log.info("Vector memory: PgVectorStore in table {}", TABLE);
                return pgvector;
            } catch (Exception e) {
                if (store.equals("pgvector")) {
                    throw new IllegalStateException("app.memory.store=pgvector, but its table cannot be set up: " + e.getMessage(), e);
                }
                log.warn("pgvector is installed but its table cannot be set up ({}); the vector memory falls back to a file",
                        e.getMessage());
            }
        }
        var directory = properties.dataDir().resolve("vectors");
        log.info("Vector memory: in-process store, its log in {}", directory.toAbsolutePath());
        // Read back while the rest starts: a long history costs seconds that the start need not wait for.
        return new BackgroundOpenedVectorStore(
                () -> LogVectorStore.builder(embeddingModel, directory).indexedKeys(Recall.FILTERED_KEYS).build());
    }

    /** The PostgreSQL store, creating its table and HNSW cosine index when they are missing. */
    static PgVectorStore pgVectorStore(JdbcTemplate jdbc, EmbeddingModel embeddingModel, String table) {
        return PgVectorStore.builder(jdbc, embeddingModel)
                .vectorTableName(table)
                .dimensions(MiniLmEmbeddingModel.DIMENSIONS)
                .distanceType(PgVectorStore.PgDistanceType.COSINE_DISTANCE)
                .indexType(PgVectorStore.PgIndexType.HNSW)
                .initializeSchema(true)
                .build();
    }
}
