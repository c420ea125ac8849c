package ai.usheru.embedded;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ai.usheru.AppProperties;

/**
 * Runs a real PostgreSQL inside the application when no external database is configured, with its
 * files under {@code APP_DATA_DIR/postgres} so users and threads survive a restart, and starts it
 * again should it die ({@link EmbeddedDatabase}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(AppProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir().resolve("postgres").toAbsolutePath());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setPoolName("embedded-postgres");
        dataSource.setMaximumPoolSize(20);
        // A lost database is answered 503 within seconds (see the README's Production section), not after 30.
        dataSource.setConnectionTimeout(2_000);
        dataSource.setValidationTimeout(1_000);
        return dataSource;
    }
}
