package qihu.evaluation.dashboard;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The leaders' dashboard over HTTP: a snapshot, and the same live as server-sent events ({@code event: snapshot}, a
 * whole {@link DashboardSnapshot} each; a {@code :heartbeat} comment in between). Signed in, scoped to the viewer's
 * region and below ({@link Viewer}).
 */
@RestController
@RequestMapping("/api/v1/dashboard")
public class DashboardController {

    /** How long a browser waits before it reconnects a dropped stream. */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final DashboardFeed feed;
    private final DashboardProperties properties;
    private final Viewer.ClaimNames claims;

    DashboardController(DashboardFeed feed, DashboardProperties properties, Viewer.ClaimNames claims) {
        this.feed = feed;
        this.properties = properties;
        this.claims = claims;
    }

    @GetMapping
    public Mono<DashboardSnapshot> snapshot(@AuthenticationPrincipal Jwt token) {
        return feed.snapshot(Viewer.scopeOf(token, claims));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<DashboardSnapshot>> stream(@AuthenticationPrincipal Jwt token) {
        RegionScope scope = Viewer.scopeOf(token, claims);
        Flux<ServerSentEvent<DashboardSnapshot>> snapshots = feed.follow(scope)
                .map(snapshot -> ServerSentEvent.builder(snapshot)
                        .event("snapshot")
                        .id(snapshot.generatedAt().toString())
                        .retry(RECONNECT)
                        .build());
        Flux<ServerSentEvent<DashboardSnapshot>> heartbeats = Flux.interval(properties.heartbeat())
                .map(beat -> ServerSentEvent.<DashboardSnapshot>builder()
                        .comment("heartbeat")
                        .build());
        return Flux.merge(snapshots, heartbeats);
    }
}
