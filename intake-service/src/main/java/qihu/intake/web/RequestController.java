package qihu.intake.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.intake.progress.CaseStatus;
import qihu.intake.progress.RequestStatusQuery;
import qihu.intake.progress.RequestStatusView;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.RequestAcceptance;
import reactor.core.publisher.Mono;

/** The channels' HTTP door: submit a canonical request, follow its status by our id or by the channel's own id. */
@RestController
@RequestMapping("/api/v1")
public class RequestController {

    private final RequestAcceptance acceptance;
    private final RequestStatusQuery status;

    public RequestController(RequestAcceptance acceptance, RequestStatusQuery status) {
        this.acceptance = acceptance;
        this.status = status;
    }

    /** The answer to a submission: 202 whether this call stored it or an earlier identical one did. */
    public record AcceptedResponse(
            String requestId, CaseStatus status, String caseNumber, boolean replayed, URI statusUrl) {}

    @PostMapping(path = "/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<AcceptedResponse>> submit(@RequestBody CanonicalRequest request) {
        return acceptance
                .accept(request)
                .flatMap(accepted -> status.withProgress(accepted.request()).map(view -> {
                    URI statusUrl = URI.create("/api/v1/requests/" + view.requestId());
                    return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .location(statusUrl)
                            .body(new AcceptedResponse(
                                    view.requestId(),
                                    view.status(),
                                    view.caseNumber(),
                                    accepted.replayed(),
                                    statusUrl));
                }));
    }

    @GetMapping("/requests/{requestId}")
    public Mono<RequestStatusView> byId(@PathVariable String requestId) {
        return status.byRequestId(requestId);
    }

    @GetMapping("/channels/{channel}/requests/{channelRequestId}")
    public Mono<RequestStatusView> byChannelId(@PathVariable String channel, @PathVariable String channelRequestId) {
        return status.byChannelId(channel, channelRequestId);
    }
}
