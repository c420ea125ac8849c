package ai.usheru.prompts;

/**
 * Which questions a prompt applies to, by its name: {@code system} for every question, and
 * {@code datamart:<code>} for the questions asked of one datamart ({@code datamart:usheru_data_mart}).
 * {@code datamart} is null for the system prompt.
 */
public record PromptName(String value, String datamart) {

    static final String SYSTEM = "system";
    private static final String DATAMART_PREFIX = "datamart:";

    public static PromptName system() {
        return new PromptName(SYSTEM, null);
    }

    public static PromptName ofDatamart(String code) {
        return new PromptName(DATAMART_PREFIX + code, code);
    }

    /** The name {@code value} spells, or null when it is neither {@code system} nor {@code datamart:<something>}. */
    static PromptName parse(String value) {
        if (SYSTEM.equals(value)) {
            return system();
        }
        if (value != null && value.startsWith(DATAMART_PREFIX) && value.length() > DATAMART_PREFIX.length()) {
            return ofDatamart(value.substring(DATAMART_PREFIX.length()));
        }
        return null;
    }

    public boolean isSystem() {
        return datamart == null;
    }

    /** What it applies to, in words, for lists and for the model's prompt. */
    public String appliesTo() {
        return isSystem() ? "all datamarts" : "datamart " + datamart;
    }
}
