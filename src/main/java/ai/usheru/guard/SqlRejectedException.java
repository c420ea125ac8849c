package ai.usheru.guard;

import ai.usheru.DomainException;

/** SQL the guard will not run, with the reason in words a person understands. */
public class SqlRejectedException extends DomainException {

    public SqlRejectedException(String reason) {
        super(Kind.BAD_INPUT, "sql_rejected", reason);
    }
}
