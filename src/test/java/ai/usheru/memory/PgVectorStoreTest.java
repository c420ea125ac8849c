package ai.usheru.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.DriverManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import ai.usheru.AppProperties;
import ai.usheru.support.TestWarehouse;

/**
 * Spring AI's {@link PgVectorStore} on a real PostgreSQL with pgvector, through the same contract as
 * the file store. The database comes from {@code APP_TEST_PGVECTOR_URL} ({@code .ci/pgvector} builds
 * pgvector, starts PostgreSQL and prints it). Without it the test is skipped, except where
 * {@code APP_TEST_PGVECTOR_REQUIRED=true} (as on CI): there a missing pgvector fails the build.
 */
class PgVectorStoreTest extends VectorStoreContract {

    private static final String TABLE = "contract_vectors";
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void connect() throws Exception {
        String url = System.getenv("APP_TEST_PGVECTOR_URL");
        boolean required = Boolean.parseBoolean(System.getenv("APP_TEST_PGVECTOR_REQUIRED"));
        if (url == null || url.isBlank()) {
            if (required) {
                fail("APP_TEST_PGVECTOR_REQUIRED is set but APP_TEST_PGVECTOR_URL is not: run .ci/pgvector first");
            }
            Assumptions.abort("No pgvector database: set APP_TEST_PGVECTOR_URL (see .ci/pgvector)");
        }
        jdbc = new JdbcTemplate(new SingleConnectionDataSource(DriverManager.getConnection(url), true));
        assertThat(PgVectors.enable(jdbc)).as("pgvector is installed in " + url).isTrue();
    }

    @Override
    VectorStore emptyStore(MiniLmEmbeddingModel embeddings) throws Exception {
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
        PgVectorStore store = VectorMemoryConfiguration.pgVectorStore(jdbc, embeddings, TABLE);
        store.afterPropertiesSet();
        return store;
    }

    @Test
    void indexesWithHnswOnCosineDistance() {
        String index = jdbc.queryForObject("SELECT string_agg(indexdef, ' ') FROM pg_indexes WHERE tablename = ?", String.class, TABLE);
        assertThat(index).contains("USING hnsw").contains("vector_cosine_ops");
        String type = jdbc.queryForObject("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = ?::regclass AND attname = 'embedding'", String.class, TABLE);
        assertThat(type).isEqualTo("vector(384)");
    }

    @Test
    void theApplicationChoosesPgvectorWhereTheDatabaseHasIt() {
        AppProperties file = TestWarehouse.properties(java.nio.file.Path.of("target/unused"));
        var auto = new AppProperties(file.dataDir(), file.baseUrl(), file.admin(), file.mail(), file.api(), file.query(), file.llm(),
                new AppProperties.Memory("auto", 4, 6, 2), file.insights());
        var embeddings = new MiniLmEmbeddingModel();
        try {
            VectorStore chosen = new VectorMemoryConfiguration().vectorStore(embeddings, jdbc.getDataSource(), auto);
            assertThat(chosen).isInstanceOf(PgVectorStore.class);
            assertThat(new VectorMemoryConfiguration().vectorStore(embeddings, jdbc.getDataSource(), file))
                    .isInstanceOf(BackgroundOpenedVectorStore.class);
        } finally {
            embeddings.close();
        }
    }
}
