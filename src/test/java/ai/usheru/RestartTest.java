package ai.usheru;

import static ai.usheru.db.Tables.USERS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import ai.usheru.support.TestUsers;

/** What the embedded mode keeps under APP_DATA_DIR survives a restart, and the first admin is created once. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsUsersAndDoesNotCreateTheAdminAgain() {
        var user = aUser();
        try (var first = start()) {
            first.getBean(TestUsers.class).create(user);
        }

        try (var second = start()) {
            DSLContext db = second.getBean(DSLContext.class);
            assertThat(db.fetchExists(USERS, USERS.EMAIL.eq(user.email()))).isTrue();
            assertThat(db.fetchCount(USERS, USERS.ROLE.eq("ADMIN"))).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(Application.class,
                "--server.port=0",
                "--app.data-dir=" + dataDir,
                "--app.admin.email=" + ai.usheru.support.IntegrationTest.ADMIN_EMAIL,
                "--app.admin.password=" + ai.usheru.support.IntegrationTest.ADMIN_PASSWORD);
    }
}
