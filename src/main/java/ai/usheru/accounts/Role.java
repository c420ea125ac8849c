package ai.usheru.accounts;

/** What a person may do: ADMIN runs the console, USER asks questions. */
public enum Role {
    ADMIN,
    USER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
