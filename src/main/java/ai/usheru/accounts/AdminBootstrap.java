package ai.usheru.accounts;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import ai.usheru.AppProperties;

/**
 * Creates the first administrator from {@code APP_ADMIN_EMAIL} and {@code APP_ADMIN_PASSWORD} on the
 * first start. Without a password one is generated and printed once; later starts change nothing.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AppProperties.Admin admin;

    AdminBootstrap(AccountService accounts, AppProperties properties) {
        this.accounts = accounts;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? randomPassword() : admin.password();
        if (accounts.createAdminIfAbsent(admin.email(), password)) {
            if (generated) {
                log.warn("""

                        ============================================================
                         First administrator created: {}
                         Generated password (shown only this once): {}
                        ============================================================""", admin.email(), password);
            } else {
                log.info("First administrator created: {}", admin.email());
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
