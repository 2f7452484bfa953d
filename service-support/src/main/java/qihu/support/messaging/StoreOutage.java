package qihu.support.messaging;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/** Whether a failure means the store could not be reached (or did not answer), rather than anything about the data. */
final class StoreOutage {

    private StoreOutage() {}

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof MongoSocketException
                    || t instanceof MongoTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
