package ai.usheru.quota;

/**
 * The quota a new user or invitation gets when the admin gives none. Admins change it in the settings;
 * this interface lets accounts ask for it without depending on where it is kept.
 */
public interface DefaultQuota {

    /** The limits for an account created now without a quota of its own; {@link Quota#UNLIMITED} unless an admin set some. */
    Quota forNewUsers();
}
