package ai.usheru;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost application database (no connection within the pool's timeout, a connection cut, the
 * server shutting down or crashed) from a fault of the request or of ours, so it is answered as "try
 * again shortly" (503) rather than as an error, and never mistaken for an answer.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    public static boolean databaseLost(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // A commit or rollback the JDBC driver could not carry out: the connection is gone (the pool then
            // reports only "Connection is closed", without a state). Conflicts at commit are translated to
            // other exceptions (serialization failures, constraint violations), never this one.
            if (cause instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }
}
