package ai.usheru.support;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ai.usheru.accounts.NewAccount;
import ai.usheru.accounts.Role;
import ai.usheru.accounts.Scope;
import ai.usheru.quota.Quota;

/** Test accounts in one line: {@code aUser().scopedTo("IE").build()}. */
public final class UserBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String email = "user-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@usheru.test";
    private String password = "password-123";
    private Role role = Role.USER;
    private String client;
    private Set<String> regions = Set.of();
    private Quota quota = Quota.UNLIMITED;
    private boolean blocked;

    private UserBuilder() {}

    public static UserBuilder aUser() {
        return new UserBuilder();
    }

    public static UserBuilder anAdmin() {
        return new UserBuilder().admin();
    }

    public UserBuilder withEmail(String email) {
        this.email = email;
        return this;
    }

    public UserBuilder withPassword(String password) {
        this.password = password;
        return this;
    }

    public UserBuilder admin() {
        this.role = Role.ADMIN;
        return this;
    }

    public UserBuilder ofClient(String client) {
        this.client = client;
        return this;
    }

    public UserBuilder scopedTo(String... regions) {
        this.regions = Set.of(regions);
        return this;
    }

    public UserBuilder withQuota(Quota quota) {
        this.quota = quota;
        return this;
    }

    public UserBuilder blocked() {
        this.blocked = true;
        return this;
    }

    public String email() {
        return email;
    }

    public String password() {
        return password;
    }

    boolean isBlocked() {
        return blocked;
    }

    public NewAccount build() {
        return new NewAccount(email, password, role, client, new Scope(Set.of(), regions), quota);
    }
}
