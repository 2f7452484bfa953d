package qihu.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** What a caller is told when the store fails under it. */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aPausedConnectionPoolIsAnOutageTheCallerMayRetry() {
        UncategorizedMongoDbException paused = new UncategorizedMongoDbException(
                "pool paused",
                new MongoConnectionPoolClearedException(
                        new ServerId(new ClusterId(), new ServerAddress()), new RuntimeException("read timed out")));

        ResponseEntity<ProblemDetail> answer = handler.storeFailed(paused);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    @Test
    void anyOtherStoreFailureIsAProblemOfTheServer() {
        ResponseEntity<ProblemDetail> answer =
                handler.storeFailed(new UncategorizedMongoDbException("bad $ operator", new RuntimeException()));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().getDetail()).contains("nothing was accepted");
    }
}
