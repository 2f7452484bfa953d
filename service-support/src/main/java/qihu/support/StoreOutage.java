package qihu.support;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/** Whether a failure means the store could not be reached (or did not answer), rather than anything about the data. */
public final class StoreOutage {

    private StoreOutage() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof MongoSocketException
                    || t instanceof MongoTimeoutException
                    // After a failed operation the driver pauses the pool until the server answers again.
                    || t instanceof MongoConnectionPoolClearedException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
