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
import org.springframework.web.server.ServerWebExchange;
import qihu.intake.enterprise.EnterpriseIdentity;
import qihu.intake.progress.CaseStatus;
import qihu.intake.progress.RequestStatusQuery;
import qihu.intake.progress.RequestStatusView;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.RequestAcceptance;
import qihu.intake.security.ChannelAuthenticationFilter;
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

    /**
     * The answer to a submission: 202 whether this call stored it or an earlier identical one did.
     *
     * @param enterpriseIdentity {@code UNRESOLVED}: accepted, but the enterprise named is not in the directory
     */
    public record AcceptedResponse(
            String requestId,
            CaseStatus status,
            String caseNumber,
            EnterpriseIdentity enterpriseIdentity,
            boolean replayed,
            URI statusUrl) {}

    @PostMapping(path = "/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<AcceptedResponse>> submit(
            @RequestBody CanonicalRequest request, ServerWebExchange exchange) {
        String signer = exchange.getAttribute(ChannelAuthenticationFilter.AUTHENTICATED_CHANNEL);
        if (signer != null && !signer.equals(request.channel())) {
            return Mono.error(new ForeignChannelException(signer, request.channel()));
        }
        return acceptance
                .accept(request)
                .flatMap(accepted ->
                        status.withProgress(accepted.request()).map(view -> accepted(view, accepted.replayed())));
    }

    static ResponseEntity<AcceptedResponse> accepted(RequestStatusView view, boolean replayed) {
        URI statusUrl = statusUrl(view.requestId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(statusUrl)
                .body(new AcceptedResponse(
                        view.requestId(),
                        view.status(),
                        view.caseNumber(),
                        view.enterpriseIdentity(),
                        replayed,
                        statusUrl));
    }

    static URI statusUrl(String requestId) {
        return URI.create("/api/v1/requests/" + requestId);
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
